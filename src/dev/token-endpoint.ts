import type { ProviderContext } from "./context.js";
import { ACCESS_TOKEN_TTL_SECONDS } from "./grants.js";
import {
  CORS_HEADERS,
  type DevRequest,
  type DevResponse,
  header,
  json,
  NO_STORE,
  Params,
  RepeatedParameter,
} from "./http.js";
import { DEFAULT_TTL_SECONDS } from "./mint-request.js";
import { verifierMatches } from "./pkce.js";

/** RFC 6749 §5.2 error response. */
function tokenError(error: string, description: string, status = 400): DevResponse {
  return json(status, { error, error_description: description }, { ...CORS_HEADERS, ...NO_STORE });
}

/**
 * RFC 6749 §2.3.1: a client id sent as the user of HTTP Basic (a test provider checks no secret);
 * null when the user is not URL-encoded.
 */
function basicClientId(req: DevRequest): string | undefined | null {
  const authorization = header(req, "authorization");
  const match = /^Basic ([A-Za-z0-9+/=]+)$/i.exec(authorization ?? "");
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  try {
    return decodeURIComponent((colon === -1 ? decoded : decoded.slice(0, colon)).replace(/\+/g, " "));
  } catch {
    return null;
  }
}

/** The token endpoint for the authorization-code grant with PKCE (RFC 6749 §4.1.3, RFC 7636 §4.5). */
export async function token(ctx: ProviderContext, req: DevRequest): Promise<DevResponse> {
  const contentType = header(req, "content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
    return tokenError("invalid_request", "the body must be application/x-www-form-urlencoded (RFC 6749 §4.1.3)");
  }
  const params = Params.ofForm(req.body);
  try {
    return await exchange(ctx, req, params);
  } catch (error) {
    if (error instanceof RepeatedParameter) return tokenError("invalid_request", error.message);
    throw error;
  }
}

async function exchange(ctx: ProviderContext, req: DevRequest, params: Params): Promise<DevResponse> {
  const grantType = params.get("grant_type");
  if (grantType !== "authorization_code") {
    return tokenError("unsupported_grant_type", "grant_type must be authorization_code");
  }
  const clientId = params.get("client_id") ?? basicClientId(req);
  if (clientId === null) return tokenError("invalid_request", "the Basic user is not URL-encoded (RFC 6749 §2.3.1)");
  if (clientId === undefined) return tokenError("invalid_request", "client_id is required (RFC 6749 §4.1.3)");
  if (!ctx.spec.clientIds.includes(clientId)) {
    return tokenError("invalid_client", `client_id ${clientId} is not a client of this provider`, 401);
  }
  const code = params.get("code");
  if (code === undefined) return tokenError("invalid_request", "code is required");
  // Taken before any other check, so a code meets at most one attempt, right or wrong (RFC 6749 §4.1.2, §10.5).
  const grant = ctx.grants.takeCode(code);
  if (!grant || grant.provider !== ctx.spec.name) {
    return tokenError("invalid_grant", "the code is unknown, expired or already used (codes live 60 s and work once)");
  }
  if (grant.clientId !== clientId) return tokenError("invalid_grant", "the code was issued to another client");
  // RFC 6749 §4.1.3: redirect_uri must be identical to the authorization request's.
  if (params.get("redirect_uri") !== grant.redirectUri) {
    return tokenError("invalid_grant", "redirect_uri differs from the authorization request's");
  }
  const verifier = params.get("code_verifier");
  if (verifier === undefined) return tokenError("invalid_request", "code_verifier is required (PKCE, RFC 7636 §4.5)");
  if (!verifierMatches(verifier, grant.codeChallenge)) {
    return tokenError("invalid_grant", "code_verifier does not match the code_challenge (RFC 7636 §4.6)");
  }
  const idToken = await ctx.issueIdToken({
    sub: grant.sub,
    clientId: grant.clientId,
    claims: grant.claims,
    ttlSeconds: DEFAULT_TTL_SECONDS,
    nonce: grant.nonce,
  });
  const accessToken = ctx.grants.issueAccessToken(grant);
  const body = {
    access_token: accessToken,
    id_token: idToken,
    token_type: "Bearer",
    expires_in: ACCESS_TOKEN_TTL_SECONDS,
    scope: "openid",
  };
  return json(200, body, { ...CORS_HEADERS, ...NO_STORE });
}
