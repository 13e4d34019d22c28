/**
 * Each provider's keys, after jose's remote key set (`createRemoteJWKSet`): single-flight fetches,
 * a maximum age, a refetch on an unknown `kid` at most once per cooldown, plus what jose leaves to
 * the caller: last good keys kept (for a bounded time, with a warning) while the provider is down.
 *
 * Cache key: provider URL + its normalised thumbprint list. Keys fetched under one list of pins are
 * never served for a registration with another list, so updating a provider's thumbprints (IAM
 * UpdateOpenIDConnectProviderThumbprint) takes effect on the next token, with a fresh TLS check,
 * instead of after the old entry ages out; that is also why an entry is never a stale fallback
 * for another. The verifier-wide trust settings (extra CA file, --trust-public-ca, --allow-http-
 * providers) are fixed for a verifier's life, so they need no place in the key. Keys of one entry
 * only ever verify tokens checked against that entry's provider: no key is shared across providers.
 */
import { type CryptoKey, createLocalJWKSet } from "jose";
import type { Clock } from "../shared/index.js";
import type { FetchedKeySet, KeySetOutcome } from "./discovery.js";
import type { CheckedHeader } from "./header-rules.js";
import { type CachedKeys, find, kidsOf, type Lookup } from "./key-lookup.js";
import { quote, reject, type TokenRejection } from "./rejection.js";

export interface KeyCacheLimits {
  /** Freshness when the JWKS response has no max-age (jose's default cacheMaxAge: 10 min). */
  defaultMaxAgeMs: number;
  /** Bounds on a server's max-age, so no-store cannot cause a fetch per token, nor a week of trust. */
  minMaxAgeMs: number;
  maxMaxAgeMs: number;
  /** At most one refetch per this long for unknown kids (jose's cooldownDuration: 30 s). */
  cooldownMs: number;
  /** After a failed fetch, tokens are answered from what is known for this long before trying again. */
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

export interface KeyTarget {
  url: string;
  /** Normalised (tls-trust normalizeThumbprints). */
  thumbprints: readonly string[];
}

export type KeySetFetcher = (target: KeyTarget, signal: AbortSignal) => Promise<KeySetOutcome>;

export interface KeyLog {
  warn(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
}

interface Entry {
  keys: CachedKeys | undefined;
  lastAttemptMs: number | undefined;
  lastFailure: TokenRejection | undefined;
  inFlight: Promise<void> | undefined;
}

export type KeyOutcome = { ok: true; key: CryptoKey } | { ok: false; rejection: TokenRejection };

export class ProviderKeyCache {
  private readonly entries = new Map<string, Entry>();
  private readonly abort = new AbortController();

  constructor(
    private readonly fetcher: KeySetFetcher,
    private readonly clock: Clock,
    private readonly log: KeyLog,
    private readonly limits: KeyCacheLimits,
  ) {}

  /** The key for a token's header. Does no I/O while the provider's keys are fresh and hold the kid. */
  async keyFor(target: KeyTarget, header: CheckedHeader): Promise<KeyOutcome> {
    const entry = this.entryFor(target);
    const startMs = this.clock.nowMs();
    if (!entry.keys || startMs >= entry.keys.freshUntilMs) {
      const backingOff =
        entry.lastFailure !== undefined && startMs - (entry.lastAttemptMs ?? 0) < this.limits.retryAfterFailureMs;
      if (entry.inFlight || !backingOff) await this.refresh(entry, target);
    }
    let keys = this.usable(entry);
    if (!keys) return { ok: false, rejection: entry.lastFailure ?? reject("jwks_unreachable", "no keys fetched yet") };
    let found = await find(keys, header);
    if (found.kind === "unknown") {
      // A new kid usually means the provider rotated its keys: look again, but at most once per
      // cooldown, so tokens with made-up kids cannot turn into a request storm at the provider.
      const sinceLastMs = this.clock.nowMs() - (entry.lastAttemptMs ?? Number.NEGATIVE_INFINITY);
      if (!entry.inFlight && sinceLastMs < this.limits.cooldownMs) {
        return {
          ok: false,
          rejection: this.unknownKid(header, keys, "the provider was asked less than the cooldown ago"),
        };
      }
      await this.refresh(entry, target);
      keys = this.usable(entry);
      if (!keys) return { ok: false, rejection: entry.lastFailure ?? reject("jwks_unreachable", "keys expired") };
      found = await find(keys, header);
    }
    if (found.kind === "found") return { ok: true, key: found.key };
    if (found.kind === "unusable") return { ok: false, rejection: reject("no_matching_key", found.detail) };
    return { ok: false, rejection: this.unknownKid(header, keys, "not even after fetching the key set again") };
  }

  /** What is cached for a provider (for `idpool doctor`); undefined before the first fetch. */
  describe(target: KeyTarget): { keySet: FetchedKeySet; fetchedAtMs: number; freshUntilMs: number } | undefined {
    const keys = this.entries.get(cacheKey(target))?.keys;
    return keys && { keySet: keys.keySet, fetchedAtMs: keys.fetchedAtMs, freshUntilMs: keys.freshUntilMs };
  }

  close(): void {
    this.abort.abort();
    this.entries.clear();
  }

  private unknownKid(header: CheckedHeader, keys: CachedKeys, why: string): TokenRejection {
    const kid = header.kid === undefined ? "no kid" : `kid ${quote(header.kid)}`;
    return reject(
      "no_matching_key",
      `${kid} (alg ${header.alg}) matches no key of the provider (kids: ${kidsOf(keys)}); ${why}`,
    );
  }

  private entryFor(target: KeyTarget): Entry {
    const key = cacheKey(target);
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { keys: undefined, lastAttemptMs: undefined, lastFailure: undefined, inFlight: undefined };
      this.entries.set(key, entry);
      if (this.entries.size > this.limits.maxProviders) {
        const oldest = this.entries.keys().next().value;
        if (oldest !== undefined) this.entries.delete(oldest);
      }
    }
    return entry;
  }

  /** Keys that may still be used: fresh, or stale but within maxStaleMs (the provider being down). */
  private usable(entry: Entry): CachedKeys | undefined {
    const keys = entry.keys;
    if (keys && this.clock.nowMs() < keys.freshUntilMs + this.limits.maxStaleMs) return keys;
    entry.keys = undefined;
    return undefined;
  }

  /** Single flight: everyone who needs the provider's keys meanwhile waits on the same fetch. */
  private refresh(entry: Entry, target: KeyTarget): Promise<void> {
    entry.inFlight ??= this.fetchInto(entry, target).finally(() => {
      entry.inFlight = undefined;
    });
    return entry.inFlight;
  }

  private async fetchInto(entry: Entry, target: KeyTarget): Promise<void> {
    entry.lastAttemptMs = this.clock.nowMs();
    const outcome = await this.fetcher(target, this.abort.signal);
    if (this.entries.get(cacheKey(target)) !== entry) {
      // Closed or evicted meanwhile: those waiting on this fetch still deserve its answer.
      entry.lastFailure = outcome.ok ? reject("jwks_unreachable", "the verifier was closed") : outcome.rejection;
      return;
    }
    const nowMs = this.clock.nowMs();
    let failure = outcome.ok ? undefined : outcome.rejection;
    if (outcome.ok) {
      try {
        const lookup: Lookup = createLocalJWKSet(outcome.keySet.jwks);
        const maxAgeMs =
          outcome.keySet.maxAgeSeconds === undefined
            ? this.limits.defaultMaxAgeMs
            : outcome.keySet.maxAgeSeconds * 1000;
        const boundedMs = Math.min(this.limits.maxMaxAgeMs, Math.max(this.limits.minMaxAgeMs, maxAgeMs));
        entry.keys = { keySet: outcome.keySet, lookup, fetchedAtMs: nowMs, freshUntilMs: nowMs + boundedMs };
        entry.lastFailure = undefined;
        const kids = outcome.keySet.jwks.keys.length;
        this.log.info(
          { provider: target.url, jwksUri: outcome.keySet.jwksUri, keys: kids, maxAgeMs: boundedMs },
          "oidc: fetched provider keys",
        );
      } catch (error) {
        failure = reject("jwks_invalid", `${outcome.keySet.jwksUri}: ${(error as Error).message}`);
      }
    }
    if (!failure) return;
    entry.lastFailure = failure;
    const stale = this.usable(entry);
    const fields = { provider: target.url, reason: failure.reason, detail: failure.detail };
    if (stale) {
      const ageSeconds = Math.round((nowMs - stale.fetchedAtMs) / 1000);
      this.log.warn(
        { ...fields, keysAgeSeconds: ageSeconds },
        "oidc: cannot refresh provider keys; using the last good ones",
      );
    } else {
      this.log.warn(fields, "oidc: cannot fetch provider keys");
    }
  }
}

function cacheKey(target: KeyTarget): string {
  return `${target.url}\n${target.thumbprints.join(",")}`;
}
