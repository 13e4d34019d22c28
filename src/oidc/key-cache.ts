/**
 * Each provider's keys, after jose's remote key set (`createRemoteJWKSet`): single-flight fetches,
 * a maximum age, a refetch on an unknown `kid` at most once per cooldown, plus what jose leaves to
 * the caller: last good keys kept (for a bounded time, with a warning) while the provider is down.
 *
 * Past max-age the last good keys answer at once while one fetch refreshes them in the background
 * (stale-while-revalidate, RFC 5861 §3), so a provider that accepts connections and never answers
 * cannot hold logins for the fetch deadline; only an unknown kid waits, for one fetch at most.
 *
 * Each successful fetch goes past the key-continuity watch (key-watch.ts), which may hold a new
 * set back; every fetch, good or bad, is reported as a `jwks_fetch` event. Entries: key-entries.ts.
 */
import type { CryptoKey } from "jose";
import { type Clock, type EventSink, NO_EVENTS } from "../shared/index.js";
import type { FetchedKeySet, KeySetOutcome } from "./discovery.js";
import type { CheckedHeader } from "./header-rules.js";
import type { KeyCacheLimits } from "./key-cache-limits.js";
import { KeyDecisions, memorySettings } from "./key-decisions.js";
import { type Entry, KeyEntries, type KeyTarget } from "./key-entries.js";
import { type CachedKeys, cachedKeysOf, find, unknownKid } from "./key-lookup.js";
import { type AcceptOutcome, KeyContinuityWatch } from "./key-watch.js";
import { reject, type TokenRejection } from "./rejection.js";

export type { KeyTarget } from "./key-entries.js";

export type KeySetFetcher = (target: KeyTarget, signal: AbortSignal) => Promise<KeySetOutcome>;

export interface KeyLog {
  warn(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
}

export type KeyOutcome = { ok: true; key: CryptoKey } | { ok: false; rejection: TokenRejection };

/** The key-continuity watch (default: warn, decisions in memory) and where fetches are reported. */
export interface KeyCacheReporting {
  watch?: KeyContinuityWatch;
  events?: EventSink;
}

export class ProviderKeyCache {
  private readonly entries: KeyEntries;
  private readonly abort = new AbortController();
  private readonly watch: KeyContinuityWatch;
  private readonly events: EventSink;

  constructor(
    private readonly fetcher: KeySetFetcher,
    private readonly clock: Clock,
    private readonly log: KeyLog,
    private readonly limits: KeyCacheLimits,
    reporting: KeyCacheReporting = {},
  ) {
    this.entries = new KeyEntries(clock, limits);
    this.events = reporting.events ?? NO_EVENTS;
    const decisions = new KeyDecisions(memorySettings());
    this.watch =
      reporting.watch ?? new KeyContinuityWatch({ mode: "warn", events: this.events, log, decisions, clock });
  }

  /** The key for a token's header. Waits for a fetch only without usable keys or for an unknown kid. */
  async keyFor(target: KeyTarget, header: CheckedHeader): Promise<KeyOutcome> {
    const entry = this.entries.for(target);
    let keys = this.entries.usable(entry);
    if (keys) {
      // Stale: answer from them now; the refresh (single flight) runs without anyone waiting on it.
      if (this.clock.nowMs() >= keys.freshUntilMs && !this.entries.pausing(entry)) void this.refresh(entry, target);
    } else {
      if (entry.inFlight || !this.entries.pausing(entry)) await this.refresh(entry, target);
      keys = this.entries.usable(entry);
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
      // A kid only a held-back set has is refused saying so (refuse mode, key-watch.ts).
      const heldBack = () => this.watch.refusal(target.url, entry.watch, header);
      if (!entry.inFlight && (sinceLastMs < this.limits.cooldownMs || this.entries.pausing(entry))) {
        return { ok: false, rejection: heldBack() ?? unknownKid(header, keys, `the provider ${why} ago`) };
      }
      await this.refresh(entry, target);
      keys = this.entries.usable(entry);
      if (!keys) return { ok: false, rejection: entry.lastFailure ?? reject("jwks_unreachable", "keys expired") };
      found = await find(keys, header);
      if (found.kind === "unknown") {
        const again = "not even after fetching the key set again";
        return { ok: false, rejection: heldBack() ?? unknownKid(header, keys, again) };
      }
    }
    if (found.kind === "found") return { ok: true, key: found.key };
    return { ok: false, rejection: reject("no_matching_key", found.detail) };
  }

  /** An administrator accepts a provider's held-back key set (key-watch.ts); entries here use it at once. */
  async accept(url: string, kids: readonly string[] | undefined): Promise<AcceptOutcome> {
    const entries = this.entries.ofProvider(url);
    const before = entries.map((entry) => entry.watch.baseline);
    const outcome = await this.watch.accept(
      url,
      entries.map((entry) => entry.watch),
      kids,
    );
    entries.forEach((entry, i) => {
      const baseline = entry.watch.baseline;
      if (baseline && baseline !== before[i])
        entry.keys = cachedKeysOf(baseline.keySet, this.clock.nowMs(), this.limits);
    });
    return outcome;
  }

  /** What is cached for a provider (for `idpool doctor`); undefined before the first fetch. */
  describe(target: KeyTarget): { keySet: FetchedKeySet; fetchedAtMs: number; freshUntilMs: number } | undefined {
    const keys = this.entries.get(target)?.keys;
    return keys && { keySet: keys.keySet, fetchedAtMs: keys.fetchedAtMs, freshUntilMs: keys.freshUntilMs };
  }

  close(): void {
    this.abort.abort();
    this.entries.clear();
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
    if (this.entries.get(target) !== entry) {
      // Closed or evicted meanwhile: those waiting on this fetch still deserve its answer.
      entry.lastFailure = outcome.ok ? reject("jwks_unreachable", "the verifier was closed") : outcome.rejection;
      return;
    }
    const failure = outcome.ok ? await this.store(entry, target, outcome.keySet) : outcome.rejection;
    // Every fetch is reported, by the reason its failure maps to, so metrics can count them.
    this.events.emit({ type: "jwks_fetch", provider: target.url, result: failure?.reason ?? "ok" });
    if (failure) this.failed(entry, target, failure);
  }

  /** The fetched keys, or the last good ones again when the watch holds the new set back. */
  private async store(entry: Entry, target: KeyTarget, keySet: FetchedKeySet): Promise<TokenRejection | undefined> {
    const nowMs = this.clock.nowMs();
    let fetched: CachedKeys;
    try {
      fetched = cachedKeysOf(keySet, nowMs, this.limits);
    } catch (error) {
      return reject("jwks_invalid", `${keySet.jwksUri}: ${(error as Error).message}`);
    }
    const verdict = await this.watch.judge(target.url, entry.watch, keySet);
    const kept = verdict === "keep" ? entry.watch.baseline?.keySet : undefined;
    // Held back: the last good keys serve on, fresh for as long as the provider's answer is.
    entry.keys = kept ? { ...cachedKeysOf(kept, nowMs, this.limits), freshUntilMs: fetched.freshUntilMs } : fetched;
    entry.lastFailure = undefined;
    entry.failedAtMs = undefined;
    const maxAgeMs = fetched.freshUntilMs - nowMs;
    const fields = { provider: target.url, jwksUri: keySet.jwksUri, keys: keySet.jwks.keys.length, maxAgeMs };
    this.log.info(kept ? { ...fields, heldBack: true } : fields, "oidc: fetched provider keys");
    return undefined;
  }

  private failed(entry: Entry, target: KeyTarget, failure: TokenRejection): void {
    const nowMs = this.clock.nowMs();
    entry.lastFailure = failure;
    entry.failedAtMs = nowMs;
    const stale = this.entries.usable(entry);
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
