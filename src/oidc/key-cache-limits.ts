/** The key cache's bounds and their defaults, after jose's remote key set where it has one. */

export interface KeyCacheLimits {
  /** Freshness when the JWKS response has no max-age (jose's default cacheMaxAge: 10 min). */
  defaultMaxAgeMs: number;
  /** Bounds on a server's max-age, so no-store cannot cause a fetch per token, nor a week of trust. */
  minMaxAgeMs: number;
  maxMaxAgeMs: number;
  /** At most one refetch per this long for unknown kids (jose's cooldownDuration: 30 s), counted from a fetch's start. */
  cooldownMs: number;
  /** After a failed fetch, no new one for this long, counted from the failure (not from the fetch's start). */
  retryAfterFailureMs: number;
  /** How long past their freshness last good keys still serve while the provider is unreachable. */
  maxStaleMs: number;
  maxProviders: number;
}

export const DEFAULT_KEY_CACHE_LIMITS: KeyCacheLimits = {
  defaultMaxAgeMs: 600_000,
  minMaxAgeMs: 60_000,
  maxMaxAgeMs: 86_400_000,
  cooldownMs: 30_000,
  retryAfterFailureMs: 5_000,
  maxStaleMs: 86_400_000,
  maxProviders: 1_000,
};
