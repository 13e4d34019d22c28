import type { IdentityPoolRecord } from "../../store/index.js";
import type { VerifiedLogin } from "../logins/verified-login.js";

/**
 * Principal tags for a login (reference §3.7): per the pool's map for its provider, claim values
 * become session tags. `UseDefaults` maps `username` and `client` from each provider kind's default
 * claims (sub or user id, and the client or app id). No map for the provider: no tags. Developer
 * tokens carry the tags their backend chose.
 */
export function principalTagsFor(
  pool: IdentityPoolRecord,
  login: VerifiedLogin | undefined,
): Record<string, string> | undefined {
  if (!login) return undefined;
  if (login.carriedTags) return { ...login.carriedTags };
  const map = login.mappingKeys.map((k) => pool.principalTagMaps[k]).find((m) => m !== undefined);
  if (!map) return undefined;
  if (map.useDefaults) return { ...login.defaultTags };
  const tags: Record<string, string> = {};
  for (const [tag, claim] of Object.entries(map.tags)) {
    const value = claim === "aud" ? login.clientId : login.claims[claim];
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") tags[tag] = String(value);
  }
  return Object.keys(tags).length > 0 ? tags : undefined;
}

/** `amr` of idpool's tokens (reference §5): the login's own, or `unauthenticated` for guests. */
export function amrFor(login: VerifiedLogin | undefined): string[] {
  return login ? [...login.amr] : ["unauthenticated"];
}
