/**
 * Finding a token's key in one provider's cached key set, with jose's local key set
 * (`createLocalJWKSet`): kid, kty/crv for the alg, `use`/`key_ops`, and exactly one candidate.
 */
import { type CryptoKey, createLocalJWKSet, type JWSHeaderParameters } from "jose";
import type { FetchedKeySet } from "./discovery.js";
import type { CheckedHeader } from "./header-rules.js";
import type { KeyCacheLimits } from "./key-cache-limits.js";
import { quote, reject, type TokenRejection } from "./rejection.js";

export type Lookup = (header: JWSHeaderParameters) => Promise<CryptoKey>;

export interface CachedKeys {
  keySet: FetchedKeySet;
  lookup: Lookup;
  fetchedAtMs: number;
  freshUntilMs: number;
}

/**
 * A fetched set ready for lookups, fresh for the response's max-age within the limits' bounds.
 * Throws when jose refuses the set (a key it cannot import).
 */
export function cachedKeysOf(keySet: FetchedKeySet, nowMs: number, limits: KeyCacheLimits): CachedKeys {
  const lookup: Lookup = createLocalJWKSet(keySet.jwks);
  const maxAgeMs = keySet.maxAgeSeconds === undefined ? limits.defaultMaxAgeMs : keySet.maxAgeSeconds * 1000;
  const boundedMs = Math.min(limits.maxMaxAgeMs, Math.max(limits.minMaxAgeMs, maxAgeMs));
  return { keySet, lookup, fetchedAtMs: nowMs, freshUntilMs: nowMs + boundedMs };
}

type Found = { kind: "found"; key: CryptoKey } | { kind: "unknown" } | { kind: "unusable"; detail: string };

export async function find(keys: CachedKeys, header: CheckedHeader): Promise<Found> {
  try {
    const lookupHeader: JWSHeaderParameters =
      header.kid === undefined ? { alg: header.alg } : { alg: header.alg, kid: header.kid };
    return { kind: "found", key: await keys.lookup(lookupHeader) };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === "ERR_JWKS_NO_MATCHING_KEY") return { kind: "unknown" };
    if (code === "ERR_JWKS_MULTIPLE_MATCHING_KEYS") {
      const why =
        header.kid === undefined
          ? "the token has no kid and the key set has several usable keys"
          : "several keys share this kid";
      return { kind: "unusable", detail: why };
    }
    return { kind: "unusable", detail: `the matching key is unusable: ${(error as Error).message}` };
  }
}

export function kidsOf(keys: CachedKeys): string {
  return keys.keySet.jwks.keys.map((k) => quote(k.kid ?? "(no kid)")).join(", ") || "none";
}

/** A kid the key set does not hold, with the kids it does hold and why no (further) fetch helped. */
export function unknownKid(header: CheckedHeader, keys: CachedKeys, why: string): TokenRejection {
  const kid = header.kid === undefined ? "no kid" : `kid ${quote(header.kid)}`;
  return reject(
    "no_matching_key",
    `${kid} (alg ${header.alg}) matches no key of the provider (kids: ${kidsOf(keys)}); ${why}`,
  );
}
