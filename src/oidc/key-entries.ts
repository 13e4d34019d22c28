/**
 * The key cache's entries (key-cache.ts), one per provider and pin list, with their freshness rules.
 *
 * Cache key: provider URL + its normalised thumbprint list. Keys fetched under one list of pins are
 * never served for a registration with another list, so updating a provider's thumbprints (IAM
 * UpdateOpenIDConnectProviderThumbprint) takes effect on the next token, with a fresh TLS check,
 * instead of after the old entry ages out; that is also why an entry is never a stale fallback
 * for another. The verifier-wide trust settings (extra CA file, --trust-public-ca, --allow-http-
 * providers) are fixed for a verifier's life, so they need no place in the key. Keys of one entry
 * only ever verify tokens checked against that entry's provider: no key is shared across providers.
 */
import { type Clock, OldestFirst } from "../shared/index.js";
import type { KeyCacheLimits } from "./key-cache-limits.js";
import type { CachedKeys } from "./key-lookup.js";
import type { WatchState } from "./key-watch.js";
import type { TokenRejection } from "./rejection.js";

export interface KeyTarget {
  readonly url: string;
  /** Normalised (tls-trust normalizeThumbprints). */
  readonly thumbprints: readonly string[];
}

export interface Entry {
  keys?: CachedKeys | undefined;
  /** When the last fetch started: the unknown-kid cooldown counts from here. */
  lastAttemptMs?: number;
  /** When the last fetch failed: the retry pause counts from here. Undefined after a success. */
  failedAtMs?: number | undefined;
  lastFailure?: TokenRejection | undefined;
  inFlight?: Promise<void> | undefined;
  /** The key-continuity watch; kept when the keys expire, so a provider back after an outage is still compared. */
  watch: WatchState;
}

/** Each target's key, written once: the verifier hands out one target object per registration. */
const cacheKeys = new WeakMap<KeyTarget, string>();

function cacheKey(target: KeyTarget): string {
  let key = cacheKeys.get(target);
  if (key === undefined) {
    key = `${target.url}\n${target.thumbprints.join(",")}`;
    cacheKeys.set(target, key);
  }
  return key;
}

export class KeyEntries {
  private readonly entries = new Map<string, Entry>();
  private readonly oldest = new OldestFirst(this.entries);

  constructor(
    private readonly clock: Clock,
    private readonly limits: KeyCacheLimits,
  ) {}

  get(target: KeyTarget): Entry | undefined {
    return this.entries.get(cacheKey(target));
  }

  /** The entry for a target, made on first use; past maxProviders the oldest one goes. */
  for(target: KeyTarget): Entry {
    const key = cacheKey(target);
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { watch: {} };
      this.oldest.makeRoom(this.limits.maxProviders);
      this.entries.set(key, entry);
    }
    return entry;
  }

  /** Every entry of a provider URL, whatever its pins. */
  ofProvider(url: string): Entry[] {
    return [...this.entries].filter(([key]) => key.startsWith(`${url}\n`)).map(([, entry]) => entry);
  }

  clear(): void {
    this.entries.clear();
  }

  /** Keys that may still be used: fresh, or stale but within maxStaleMs (the provider being down). */
  usable(entry: Entry): CachedKeys | undefined {
    const keys = entry.keys;
    if (keys && this.clock.nowMs() < keys.freshUntilMs + this.limits.maxStaleMs) return keys;
    entry.keys = undefined;
    return undefined;
  }

  /** Within the retry pause after a failed fetch: no new fetch yet. */
  pausing(entry: Entry): boolean {
    if (entry.failedAtMs === undefined) return false;
    return this.clock.nowMs() - entry.failedAtMs < this.limits.retryAfterFailureMs;
  }
}
