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
  /**
   * What `lookup` found, by alg and kid: jose's answer for a header is fixed for a fixed set, so it
   * is asked once per key and alg, not on every token (its search and import cache cost about as
   * much as the rest of a repeated token's checks). Only keys of the set are found, so this holds
   * at most one entry per key and allowed alg, whatever kids tokens make up.
   */
  found: Map<string, CryptoKey>;
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
  return { keySet, lookup, found: new Map(), fetchedAtMs: nowMs, freshUntilMs: nowMs + boundedMs };
}

type Found = { kind: "found"; key: CryptoKey } | { kind: "unknown" } | { kind: "unusable"; detail: string };

export async function find(keys: CachedKeys, header: CheckedHeader): Promise<Found> {
  // A kid is any string but alg is one of the allow-list's names, so the newline cannot be forged.
  const foundAs = header.kid === undefined ? header.alg : `${header.alg}\n${header.kid}`;
  const known = keys.found.get(foundAs);
  if (known) return { kind: "found", key: known };
  try {
    const lookupHeader: JWSHeaderParameters =
      header.kid === undefined ? { alg: header.alg } : { alg: header.alg, kid: header.kid };
    const key = await keys.lookup(lookupHeader);
    keys.found.set(foundAs, key);
    return { kind: "found", key };
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
