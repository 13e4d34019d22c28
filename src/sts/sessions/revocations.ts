import type { Clock, Logger } from "../../shared/index.js";
import type { RevocationRecord, Store } from "../../store/index.js";

/**
 * The longest anything idpool issues stays valid: a developer OpenID token may live 24 hours
 * (GetOpenIdTokenForDeveloperIdentity TokenDuration, reference §2.4), STS credentials 12. A
 * revocation older than that can match nothing still alive, so it is not loaded.
 */
const LONGEST_LIFETIME_MS = 86_400_000;
/** How often each process re-reads the revocations: "every process within seconds" (README: Revocation). */
export const REVOCATION_REFRESH_MS = 1000;

/** What a credential or token says about itself. */
export interface RevocationSubject {
  readonly identityId?: string | undefined;
  readonly poolId?: string | undefined;
  /** Undefined when unknown: then any revocation of its identity or pool applies. */
  readonly issuedAtMs: number | undefined;
}

/**
 * The revocations in force, held in memory and re-read from the store on a timer, so checking a
 * credential or a token costs no database round trip (README: Revocation). `revoke` writes to the
 * store and applies at once in this process; the others pick it up on their next re-read.
 */
export class RevocationList {
  private byIdentity = new Map<string, number>();
  private byPool = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private failing = false;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly log?: Pick<Logger, "warn">,
    private readonly refreshMs = REVOCATION_REFRESH_MS,
  ) {}

  async start(): Promise<void> {
    await this.reload();
    this.timer = setInterval(() => void this.refresh(), this.refreshMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** The time before which `subject` is revoked, if a revocation covers it; else undefined. */
  revokedBefore(subject: RevocationSubject): number | undefined {
    const issuedAtMs = subject.issuedAtMs ?? Number.NEGATIVE_INFINITY;
    const times = [
      subject.identityId === undefined ? undefined : this.byIdentity.get(subject.identityId),
      subject.poolId === undefined ? undefined : this.byPool.get(subject.poolId),
    ];
    for (const before of times) if (before !== undefined && issuedAtMs < before) return before;
    return undefined;
  }

  async revoke(record: RevocationRecord): Promise<void> {
    await this.store.revocations.put(record);
    this.apply(record);
  }

  private apply(r: RevocationRecord): void {
    const map = r.scope === "pool" ? this.byPool : this.byIdentity;
    map.set(r.target, Math.max(map.get(r.target) ?? Number.NEGATIVE_INFINITY, r.issuedBeforeMs));
  }

  private async reload(): Promise<void> {
    const records = await this.store.revocations.listSince(this.clock.nowMs() - LONGEST_LIFETIME_MS);
    this.byIdentity = new Map();
    this.byPool = new Map();
    for (const r of records) this.apply(r);
  }

  /** A failed re-read keeps the list it has (revocations only ever add) and is logged once. */
  private async refresh(): Promise<void> {
    try {
      await this.reload();
      this.failing = false;
    } catch (err) {
      if (!this.failing) this.log?.warn({ err }, "revocations could not be re-read; the last list stays in force");
      this.failing = true;
    }
  }
}
