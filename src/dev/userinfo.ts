import type { ProviderContext } from "./context.js";
import { CORS_HEADERS, type DevRequest, type DevResponse, header, json, NO_STORE } from "./http.js";

/**
 * RFC 6750 §3: a 401 with a WWW-Authenticate challenge; a request with no token at all gets no
 * error code in the challenge (§3.1).
 */
function unauthorized(description: string, tokenGiven: boolean): DevResponse {
  const challenge = tokenGiven ? `Bearer error="invalid_token", error_description="${description}"` : "Bearer";
  const body = tokenGiven
    ? { error: "invalid_token", error_description: description }
    : { error_description: description };
  return json(401, body, { ...CORS_HEADERS, ...NO_STORE, "www-authenticate": challenge });
}

/**
 * OpenID Connect Core §5.3: the signed-in user's claims for the access token in the Authorization
 * header (RFC 6750 §2.1), by GET or POST: sub, the user's predefined claims and the extra claims.
 */
export function userinfo(ctx: ProviderContext, req: DevRequest): DevResponse {
  const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i.exec(header(req, "authorization") ?? "");
  if (!match?.[1]) return unauthorized("send the access token as Authorization: Bearer <token>", false);
  const login = ctx.grants.accessToken(match[1]);
  if (!login || login.provider !== ctx.spec.name) return unauthorized("the access token is unknown or expired", true);
  const claims = { ...ctx.userClaims(login.sub), ...login.claims, sub: login.sub };
  return json(200, claims, { ...CORS_HEADERS, ...NO_STORE });
}
