/**
 * Each provider's keys, after jose's remote key set (`createRemoteJWKSet`): single-flight fetches,
 * a maximum age, a refetch on an unknown `kid` at most once per cooldown, plus what jose leaves to
 * the caller: last good keys kept (for a bounded time, with a warning) while the provider is down.
 *
 * Past max-age the last good keys answer at once while one fetch refreshes them in the background
 * (stale-while-revalidate, RFC 5861 §3), so a provider that accepts connections and never answers
 * cannot hold logins for the fetch deadline; only an unknown kid waits, for one fetch at most.
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
import type { KeyCacheLimits } from "./key-cache-limits.js";
import { type CachedKeys, find, type Lookup, unknownKid } from "./key-lookup.js";
import { reject, type TokenRejection } from "./rejection.js";

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
  keys?: CachedKeys | undefined;
  /** When the last fetch started: the unknown-kid cooldown counts from here. */
  lastAttemptMs?: number;
  /** When the last fetch failed: the retry pause counts from here. Undefined after a success. */
  failedAtMs?: number | undefined;
  lastFailure?: TokenRejection | undefined;
  inFlight?: Promise<void> | undefined;
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

  /** The key for a token's header. Waits for a fetch only without usable keys or for an unknown kid. */
  async keyFor(target: KeyTarget, header: CheckedHeader): Promise<KeyOutcome> {
    const entry = this.entryFor(target);
    let keys = this.usable(entry);
    if (keys) {
      // Stale: answer from them now; the refresh (single flight) runs without anyone waiting on it.
      if (this.clock.nowMs() >= keys.freshUntilMs && !this.pausing(entry)) void this.refresh(entry, target);
    } else {
      if (entry.inFlight || !this.pausing(entry)) await this.refresh(entry, target);
      keys = this.usable(entry);
      if (!keys) {
        return { ok: false, rejection: entry.lastFailure ?? reject("jwks_unreachable", "no keys fetched yet") };
      }
    }
    let found = await find(keys, header);
    if (found.kind === "unknown") {
      // A new kid usually means the provider rotated its keys: look again (joining a fetch already
      // under way, so one fetch at most), but at most once per cooldown, so tokens with made-up kids
      // cannot turn into a request storm at the provider, and never during the retry pause.
      const sinceLastMs = this.clock.nowMs() - (entry.lastAttemptMs ?? Number.NEGATIVE_INFINITY);
      const why =
        sinceLastMs < this.limits.cooldownMs ? "was asked less than the cooldown" : "failed less than the retry pause";
      if (!entry.inFlight && (sinceLastMs < this.limits.cooldownMs || this.pausing(entry))) {
        return { ok: false, rejection: unknownKid(header, keys, `the provider ${why} ago`) };
      }
      await this.refresh(entry, target);
      keys = this.usable(entry);
      if (!keys) return { ok: false, rejection: entry.lastFailure ?? reject("jwks_unreachable", "keys expired") };
      found = await find(keys, header);
    }
    if (found.kind === "found") return { ok: true, key: found.key };
    if (found.kind === "unusable") return { ok: false, rejection: reject("no_matching_key", found.detail) };
    return { ok: false, rejection: unknownKid(header, keys, "not even after fetching the key set again") };
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

  private entryFor(target: KeyTarget): Entry {
    const key = cacheKey(target);
    let entry = this.entries.get(key);
    if (!entry) {
      entry = {};
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

  /** Within the retry pause after a failed fetch: no new fetch yet. */
  private pausing(entry: Entry): boolean {
    if (entry.failedAtMs === undefined) return false;
    return this.clock.nowMs() - entry.failedAtMs < this.limits.retryAfterFailureMs;
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
    let outcome: KeySetOutcome;
    try {
      outcome = await this.fetcher(target, this.abort.signal);
    } catch (error) {
      // A background refresh has nobody to throw to: a fetcher that throws is a failed fetch.
      outcome = { ok: false, rejection: reject("jwks_unreachable", (error as Error).message) };
    }
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
        entry.failedAtMs = undefined;
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
    entry.failedAtMs = nowMs;
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
