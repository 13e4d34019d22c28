/**
 * The key-continuity watch (README: "Key-continuity watch"): judges each successful key fetch
 * against the last set adopted for the same cache entry (key-continuity.ts), logs a warning and
 * emits `key_discontinuity` in both modes, and in refuse mode keeps the last good keys until an
 * administrator accepts the new set (key-decisions.ts, shared by every process on the store).
 * The first fetch of an entry has nothing to compare with and is adopted; so is every set once
 * accepted. Updating a provider's thumbprints makes a new cache entry, so the watch starts over:
 * new pins are an administrator's statement of trust in the keys' host.
 */
import type { Clock, EventSink } from "../shared/index.js";
import type { FetchedKeySet } from "./discovery.js";
import type { CheckedHeader } from "./header-rules.js";
import { describeDiscontinuity, discontinuities, type KeySnapshot, sameKids, snapshotOf } from "./key-continuity.js";
import type { KeyDecisions, RefusedKeySet } from "./key-decisions.js";
import { quote, reject, type TokenRejection } from "./rejection.js";

export type DiscontinuityMode = "warn" | "refuse";

interface Held {
  snapshot: KeySnapshot;
  keySet: FetchedKeySet;
}

/** One cache entry's watch. */
export interface WatchState {
  /** The last adopted set with keys in it: what the next fetch is compared with. */
  baseline?: Held | undefined;
  /** Refuse mode: the fetched set held back, and what was refused. */
  refused?: (Held & { record: RefusedKeySet }) | undefined;
}

/** `keep`: serve the baseline's keys, not the fetched ones. */
export type WatchVerdict = "adopt" | "keep";

export type AcceptOutcome =
  | { ok: true; acceptedKids: readonly string[] }
  | { ok: false; problem: "nothing_pending" }
  | { ok: false; problem: "kids_differ"; pendingKids: readonly string[] };

export interface KeyWatchOptions {
  mode: DiscontinuityMode;
  events: EventSink;
  log: { warn(obj: object, msg?: string): void; info(obj: object, msg?: string): void };
  decisions: KeyDecisions;
  clock: Clock;
}

export const acceptCommand = (url: string) => `idpool providers accept-keys ${url}`;

export class KeyContinuityWatch {
  constructor(private readonly opts: KeyWatchOptions) {}

  async judge(url: string, state: WatchState, keySet: FetchedKeySet): Promise<WatchVerdict> {
    const next = await snapshotOf(keySet);
    if (next.kids.length === 0) return "adopt"; // no key to trust or distrust; the baseline stands
    const before = state.baseline;
    const changed = before ? discontinuities(before.snapshot, next).length > 0 : false;
    const accepted = changed && (await this.isAccepted(url, next.digest));
    // Decided on the state as it is now: an acceptance may have run while the store answered.
    const baseline = state.baseline;
    const kinds = baseline ? discontinuities(baseline.snapshot, next) : [];
    if (!baseline || kinds.length === 0 || accepted) {
      if (accepted) this.opts.log.info({ provider: url, kids: next.kids }, "oidc: using an accepted new key set");
      state.baseline = { snapshot: next, keySet };
      state.refused = undefined;
      return "adopt";
    }
    if (state.refused?.snapshot.digest === next.digest) return "keep"; // reported when first refused
    const refuse = this.opts.mode === "refuse";
    const [previousKids, newKids] = [baseline.snapshot.kids, next.kids];
    const what = describeDiscontinuity(kinds, baseline.snapshot, next);
    const then = refuse
      ? `refusing the new keys until an administrator runs: ${acceptCommand(url)}`
      : "using the new keys (--on-key-discontinuity refuse would keep the previous ones)";
    const fields = { provider: url, kinds, previousKids, newKids, action: refuse ? "refused" : "warned" } as const;
    const issuers = { previousTlsIssuer: baseline.snapshot.tlsAnchor?.name, newTlsIssuer: next.tlsAnchor?.name };
    this.opts.log.warn({ ...fields, ...issuers }, `oidc: key-continuity watch: provider ${url} ${what}; ${then}`);
    // One event per new set; a set both replaced and served under another CA is named by its first kind.
    const kind = kinds[0] ?? "key_set_replaced";
    this.opts.events.emit({
      type: "key_discontinuity",
      provider: url,
      kind,
      previousKids,
      newKids,
      action: fields.action,
    });
    if (!refuse) {
      state.baseline = { snapshot: next, keySet };
      return "adopt";
    }
    const record = { kinds, previousKids, newKids, digest: next.digest, refusedAtMs: this.opts.clock.nowMs() };
    state.refused = { snapshot: next, keySet, record };
    this.opts.decisions.recordRefused(url, record).catch((err: unknown) => {
      this.opts.log.warn({ provider: url, err }, "oidc: cannot record the refused key set in the store");
    });
    return "keep";
  }

  /** Why a token whose kid only the refused set has is refused; undefined when that is not the case. */
  refusal(url: string, state: WatchState, header: CheckedHeader): TokenRejection | undefined {
    const held = state.refused;
    if (!held || header.kid === undefined || !held.snapshot.kids.includes(header.kid)) return undefined;
    const what = describeDiscontinuity(held.record.kinds, state.baseline?.snapshot ?? held.snapshot, held.snapshot);
    return reject(
      "no_matching_key",
      `kid ${quote(header.kid)} is in the key set provider ${url} published when it ${what}; idpool ` +
        `(--on-key-discontinuity refuse) keeps verifying with the previous keys until an administrator accepts the new ones: ${acceptCommand(url)}`,
    );
  }

  /**
   * An administrator accepts a provider's refused set (exactly `kids` when given): the one this
   * process holds back, else the latest one another process recorded. Entries of this process that
   * hold that set back adopt it here and now; the others at their next fetch.
   */
  async accept(
    url: string,
    states: readonly WatchState[],
    kids: readonly string[] | undefined,
  ): Promise<AcceptOutcome> {
    const record = states.find((s) => s.refused)?.refused?.record ?? (await this.opts.decisions.pending(url));
    if (!record) return { ok: false, problem: "nothing_pending" };
    if (kids !== undefined && !sameKids(kids, record.newKids)) {
      return { ok: false, problem: "kids_differ", pendingKids: record.newKids };
    }
    await this.opts.decisions.accept(url, record, this.opts.clock.nowMs());
    for (const state of states) {
      if (state.refused?.record.digest !== record.digest) continue;
      state.baseline = { snapshot: state.refused.snapshot, keySet: state.refused.keySet };
      state.refused = undefined;
    }
    this.opts.log.info({ provider: url, kids: record.newKids }, "oidc: an administrator accepted the new key set");
    return { ok: true, acceptedKids: record.newKids };
  }

  private async isAccepted(url: string, digest: string): Promise<boolean> {
    try {
      return await this.opts.decisions.isAccepted(url, digest);
    } catch (err) {
      this.opts.log.warn({ provider: url, err }, "oidc: cannot read key acceptances from the store");
      return false;
    }
  }
}
