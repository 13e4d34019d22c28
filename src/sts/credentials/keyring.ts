import { base32Chars, type Clock, type IdSource } from "../../shared/index.js";
import type { Store } from "../../store/index.js";

/** Longest STS session (DurationSeconds ≤ 43200; reference §6.4): older sealing keys may go. */
export const MAX_SESSION_MS = 43_200_000;
/** A new sealing key is made when the newest is older than this. */
const ROTATE_AFTER_MS = 7 * 24 * 3_600_000;
/**
 * An unknown key id (sealed by another process, perhaps with a key it made an instant ago) waits
 * for a re-read of the store that starts after it arrived; re-reads happen at most this often,
 * so made-up key ids cannot turn into a query storm, only into a short wait.
 */
const RELOAD_INTERVAL_MS = 100;

export interface SealingKey {
  readonly keyId: string;
  readonly key: Buffer;
  readonly createdAtMs: number;
}

/**
 * AES-256-GCM keys that seal session tokens, kept in the store so every process can open what any
 * other sealed. The newest key seals; any key young enough to have sealed a live session opens.
 */
export class Keyring {
  private keys: SealingKey[] = [];
  private lastReloadMs = Number.NEGATIVE_INFINITY;
  private pendingReload: Promise<void> | undefined;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {}

  /** Loads the keyring, creating or rotating the sealing key when due. */
  async start(): Promise<void> {
    await this.reload();
    const newest = this.keys[0];
    if (!newest || this.clock.nowMs() - newest.createdAtMs > ROTATE_AFTER_MS) {
      await this.store.sealingKeys.add({
        keyId: base32Chars(this.ids, 8),
        secret: this.ids.bytes(32).toString("base64"),
        createdAtMs: this.clock.nowMs(),
      });
      await this.reload();
    }
  }

  sealingKey(): SealingKey {
    const key = this.keys[0];
    if (!key) throw new Error("keyring not started");
    return key;
  }

  async openingKey(keyId: string): Promise<SealingKey | undefined> {
    const found = this.keys.find((k) => k.keyId === keyId);
    if (found) return found;
    await this.freshReload();
    return this.keys.find((k) => k.keyId === keyId);
  }

  /** A re-read that starts now or after a short wait, shared by every caller that arrives meanwhile. */
  private freshReload(): Promise<void> {
    this.pendingReload ??= (async () => {
      try {
        const waitMs = this.lastReloadMs + RELOAD_INTERVAL_MS - this.clock.nowMs();
        if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(waitMs, RELOAD_INTERVAL_MS)));
        await this.reload();
      } finally {
        this.pendingReload = undefined;
      }
    })();
    return this.pendingReload;
  }

  private async reload(): Promise<void> {
    this.lastReloadMs = this.clock.nowMs();
    const records = await this.store.sealingKeys.listSince(this.clock.nowMs() - ROTATE_AFTER_MS - MAX_SESSION_MS);
    this.keys = records.map((r) => ({
      keyId: r.keyId,
      key: Buffer.from(r.secret, "base64"),
      createdAtMs: r.createdAtMs,
    }));
  }
}
