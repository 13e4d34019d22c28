import {
  type AuthorizationRequest,
  authorizationResponseUrl,
  checkAuthorizationRequest,
  responseMode,
} from "./authorize-request.js";
import { checkExtraClaims, subProblem } from "./claims.js";
import type { ProviderContext } from "./context.js";
import { errorPage } from "./html.js";
import { type DevRequest, type DevResponse, Params, RepeatedParameter } from "./http.js";
import { DevInputError } from "./input-error.js";
import { type LoginForm, loginPage } from "./login-page.js";
import { DEFAULT_TTL_SECONDS } from "./mint-request.js";

/**
 * RFC 9700 §4.12: after a POST that carried credentials, redirect with 303 so the browser does not
 * re-post the form to the client. GET requests get the same status; for them 302 and 303 agree.
 */
function seeOther(location: string): DevResponse {
  return {
    status: 303,
    headers: { location, "cache-control": "no-store", "referrer-policy": "no-referrer" },
    body: "",
  };
}

/**
 * GET shows the login page; so does a POST without the login fields, since OpenID Connect Core
 * §3.1.2.1 lets a client send the authorization request itself as a form POST. A POST with the
 * fields is the login page's submit.
 */
export async function authorize(ctx: ProviderContext, req: DevRequest): Promise<DevResponse> {
  const params = req.method === "GET" ? new Params(req.query) : Params.ofForm(req.body);
  const checked = checkAuthorizationRequest(params, ctx.spec.clientIds);
  if (checked.kind === "refuse") return errorPage(400, "Sign-in request refused", checked.message);
  if (checked.kind === "error") {
    const { redirectUri, mode, error, description, state } = checked;
    return seeOther(authorizationResponseUrl(redirectUri, mode, { error, error_description: description, state }));
  }
  const request = checked.request;
  if (req.method === "GET" || !params.has("user")) {
    const user = request.loginHint ?? ctx.spec.users[0]?.sub ?? "";
    return loginPage(ctx, request, { user, extraClaims: "{}" });
  }
  let form: LoginForm;
  try {
    form = { user: params.get("user") ?? "", extraClaims: params.get("extra_claims") ?? "{}" };
  } catch (error) {
    if (error instanceof RepeatedParameter) return errorPage(400, "Sign-in form refused", error.message);
    throw error;
  }
  const problem = subProblem(form.user);
  const userError = problem === undefined ? undefined : `User ${problem}: it becomes the token's sub.`;
  const claims = parseExtraClaims(form.extraClaims);
  if (userError !== undefined || typeof claims === "string") {
    const extraClaimsError = typeof claims === "string" ? claims : undefined;
    return loginPage(ctx, request, { ...form, userError, extraClaimsError }, 400);
  }
  return signIn(ctx, request, form.user, claims);
}

/** The textarea's JSON, checked like mint's `claims`; a string is the message shown beside the field. */
function parseExtraClaims(text: string): Readonly<Record<string, unknown>> | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `Extra claims are not valid JSON: ${error instanceof Error ? error.message : String(error)}.`;
  }
  try {
    return checkExtraClaims(value, "extra claims");
  } catch (error) {
    if (error instanceof DevInputError) return `${error.message}.`;
    throw error;
  }
}

async function signIn(
  ctx: ProviderContext,
  request: AuthorizationRequest,
  sub: string,
  extraClaims: Readonly<Record<string, unknown>>,
): Promise<DevResponse> {
  const mode = responseMode(request.responseType);
  const login = { provider: ctx.spec.name, clientId: request.clientId, sub, claims: extraClaims, nonce: request.nonce };
  ctx.log.info({ provider: ctx.spec.name, clientId: request.clientId, sub }, "test provider sign-in");
  if (request.responseType === "code") {
    // checkAuthorizationRequest makes code_challenge required for the code flow.
    const code = ctx.grants.issueCode({
      ...login,
      redirectUri: request.redirectUri,
      codeChallenge: request.codeChallenge ?? "",
    });
    return seeOther(authorizationResponseUrl(request.redirectUri, mode, { code, state: request.state }));
  }
  // OpenID Connect Core §3.2.2.5: the ID token and state in the fragment.
  const idToken = await ctx.issueIdToken({
    sub,
    clientId: request.clientId,
    claims: extraClaims,
    ttlSeconds: DEFAULT_TTL_SECONDS,
    nonce: request.nonce,
  });
  return seeOther(authorizationResponseUrl(request.redirectUri, mode, { id_token: idToken, state: request.state }));
}
