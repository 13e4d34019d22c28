import type { SigningKeySet } from "./signing-keys.js";

/**
 * Discovery and key documents for idpool's own tokens, at Cognito's paths (CONTRACT.md): the JWKS
 * path is literally `/.well-known/jwks_uri`.
 */
export function discoveryDocument(issuer: string): Record<string, unknown> {
  return {
    issuer,
    jwks_uri: `${issuer}/.well-known/jwks_uri`,
    authorization_endpoint: `${issuer}/authorize`,
    response_types_supported: ["code", "token"],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: ["RS512"],
    claims_supported: ["sub", "aud", "iss", "exp", "iat", "amr"],
  };
}

export async function jwksDocument(keys: SigningKeySet): Promise<{ keys: object[] }> {
  const published = await keys.published();
  return {
    keys: published.map((k) => ({
      kty: "RSA",
      alg: "RS512",
      use: "sig",
      kid: k.kid,
      n: k.publicJwk.n,
      e: k.publicJwk.e,
    })),
  };
}
