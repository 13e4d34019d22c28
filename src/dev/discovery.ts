import type { ProviderContext } from "./context.js";
import { CORS_HEADERS, type DevResponse, json } from "./http.js";

/** OpenID Connect Discovery 1.0 §3: what a client library needs to find everything else. */
export function discoveryDocument(issuer: string): Record<string, unknown> {
  return {
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    userinfo_endpoint: `${issuer}/userinfo`,
    jwks_uri: `${issuer}/jwks`,
    response_types_supported: ["code", "id_token"],
    response_modes_supported: ["query", "fragment"],
    grant_types_supported: ["authorization_code", "implicit"],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: ["RS256"],
    scopes_supported: ["openid", "profile", "email"],
    // Public clients (RFC 7636 PKCE); a confidential client's secret is accepted and not checked.
    token_endpoint_auth_methods_supported: ["none", "client_secret_basic", "client_secret_post"],
    code_challenge_methods_supported: ["S256"],
    claims_supported: ["iss", "sub", "aud", "exp", "iat", "nonce", "email", "email_verified"],
    request_parameter_supported: false,
  };
}

export function discovery(ctx: ProviderContext): DevResponse {
  return json(200, discoveryDocument(ctx.issuer), CORS_HEADERS);
}

/**
 * The current and the previous key (RFC 7517 §5), newest first. Clients re-fetch when they meet an
 * unknown kid, and the ring re-reads the store every few seconds, so a short cache keeps a
 * rotation visible soon after it happens.
 */
export async function jwks(ctx: ProviderContext): Promise<DevResponse> {
  const keys = (await ctx.ring.published()).map((k) => k.publicJwk);
  return json(200, { keys }, { ...CORS_HEADERS, "cache-control": "max-age=5" });
}
