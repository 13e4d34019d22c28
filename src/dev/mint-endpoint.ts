import type { ProviderContext } from "./context.js";
import { CORS_HEADERS, type DevRequest, type DevResponse, json, NO_STORE } from "./http.js";
import { DevInputError } from "./input-error.js";
import { parseMintRequest } from "./mint-request.js";

/** `TestProviders.mint` and `POST …/mint` share this: the body as unknown input, checked, then signed. */
export async function mintToken(ctx: ProviderContext, input: unknown): Promise<string> {
  const request = parseMintRequest(input, ctx.spec.clientIds);
  return ctx.issueIdToken(request);
}

function badInput(error: DevInputError): DevResponse {
  return json(
    400,
    { error: "invalid_request", member: error.member, message: error.message },
    { ...CORS_HEADERS, ...NO_STORE },
  );
}

/**
 * `POST /dev/idp/<name>/mint` with a JSON body: 200 `{"id_token": …}`, or 400
 * `{"error": "invalid_request", "member": "ttlSeconds", "message": "ttlSeconds: must be …"}`.
 */
export async function mint(ctx: ProviderContext, req: DevRequest): Promise<DevResponse> {
  let input: unknown;
  try {
    input = JSON.parse(req.body.toString("utf8"));
  } catch {
    return badInput(new DevInputError("body", 'must be JSON, like {"sub": "alice"}'));
  }
  try {
    return json(200, { id_token: await mintToken(ctx, input) }, { ...CORS_HEADERS, ...NO_STORE });
  } catch (error) {
    if (error instanceof DevInputError) return badInput(error);
    throw error;
  }
}
