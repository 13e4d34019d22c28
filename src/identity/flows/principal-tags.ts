import type { IdentityPoolRecord } from "../../store/index.js";
import type { VerifiedLogin } from "./verify-logins.js";

/**
 * Principal tags for a login (reference §3.7): per the pool's map for its provider, claim values
 * become session tags. `UseDefaults` maps `username` ← `sub` and `client` ← the client id (aud).
 * No map for the provider: no tags.
 */
export function principalTagsFor(
  pool: IdentityPoolRecord,
  login: VerifiedLogin | undefined,
): Record<string, string> | undefined {
  if (!login) return undefined;
  const map = pool.principalTagMaps[login.provider] ?? pool.principalTagMaps[login.providerArn];
  if (!map) return undefined;
  const claimsByTag: Record<string, string> = map.useDefaults ? { username: "sub", client: "aud" } : { ...map.tags };
  const tags: Record<string, string> = {};
  for (const [tag, claim] of Object.entries(claimsByTag)) {
    const value = claim === "aud" ? login.clientId : login.claims[claim];
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") tags[tag] = String(value);
  }
  return Object.keys(tags).length > 0 ? tags : undefined;
}

/** `amr` of idpool's tokens for OpenID Connect logins and guests (reference §5). */
export function amrFor(login: VerifiedLogin | undefined): string[] {
  if (!login) return ["unauthenticated"];
  return ["authenticated", login.provider, `${login.providerArn}:OIDC:${login.subject}`];
}
