/**
 * Refused key sets and administrators' acceptances, kept where every idpool process on one store sees
 * them (DESIGN.md "Storage": PostgreSQL for several processes), so a set refused by one process can be
 * accepted through any other, and a set accepted anywhere is taken up by every process at its next
 * fetch. oidc/ may not import the store: the app hands in its settings repository through this port.
 * Records are only ever added (first writer wins), which is all that repository offers.
 */
import type { DiscontinuityKind } from "./key-continuity.js";

/** A shared key-value store where the first writer of a key wins (the Store's `settings`). */
export interface SharedSettings {
  get(key: string): Promise<string | undefined>;
  /** Stores `value` unless the key exists; returns what is stored. */
  putIfAbsent(key: string, value: string): Promise<string>;
}

/** A key set refused in refuse mode, waiting for an administrator. */
export interface RefusedKeySet {
  readonly kinds: readonly DiscontinuityKind[];
  readonly previousKids: readonly string[];
  readonly newKids: readonly string[];
  /** KeySnapshot.digest of the refused set. */
  readonly digest: string;
  readonly refusedAtMs: number;
}

/** For a verifier without a store (unit tests, `idpool doctor`): decisions last as long as it does. */
export function memorySettings(): SharedSettings {
  const values = new Map<string, string>();
  return {
    get: async (key) => values.get(key),
    putIfAbsent: async (key, value) => {
      if (!values.has(key)) values.set(key, value);
      return values.get(key) ?? value;
    },
  };
}

const acceptedKey = (provider: string, digest: string) => `oidc-keys:accepted:${provider}:${digest}`;
const refusedKey = (provider: string, n: number) => `oidc-keys:refused:${provider}:${n}`;

function parseRefused(text: string): RefusedKeySet | undefined {
  try {
    const value = JSON.parse(text) as Partial<RefusedKeySet>;
    const strings = (v: unknown) => Array.isArray(v) && v.every((s) => typeof s === "string");
    if (!strings(value.kinds) || !strings(value.previousKids) || !strings(value.newKids)) return undefined;
    if (typeof value.digest !== "string" || typeof value.refusedAtMs !== "number") return undefined;
    return value as RefusedKeySet;
  } catch {
    return undefined;
  }
}

export class KeyDecisions {
  /** Per provider, the highest refusal number known to exist (the log is searched upwards from it). */
  private readonly highest = new Map<string, number>();

  constructor(private readonly settings: SharedSettings) {}

  async isAccepted(provider: string, digest: string): Promise<boolean> {
    return (await this.settings.get(acceptedKey(provider, digest))) !== undefined;
  }

  async accept(provider: string, refused: RefusedKeySet, acceptedAtMs: number): Promise<void> {
    const record = { kids: refused.newKids, acceptedAtMs };
    await this.settings.putIfAbsent(acceptedKey(provider, refused.digest), JSON.stringify(record));
  }

  /** Appends a refusal unless the latest one is the same set (several processes refuse it alike). */
  async recordRefused(provider: string, refused: RefusedKeySet): Promise<void> {
    for (;;) {
      const latest = await this.latest(provider);
      if (latest.record?.digest === refused.digest) return;
      const n = latest.n + 1;
      const stored = await this.settings.putIfAbsent(refusedKey(provider, n), JSON.stringify(refused));
      this.highest.set(provider, n);
      if (parseRefused(stored)?.digest === refused.digest) return;
    }
  }

  /** The latest refused set of a provider that nobody has accepted yet. */
  async pending(provider: string): Promise<RefusedKeySet | undefined> {
    const { record } = await this.latest(provider);
    if (!record || (await this.isAccepted(provider, record.digest))) return undefined;
    return record;
  }

  private async latest(provider: string): Promise<{ n: number; record: RefusedKeySet | undefined }> {
    let n = this.highest.get(provider) ?? 0;
    while ((await this.settings.get(refusedKey(provider, n + 1))) !== undefined) n++;
    this.highest.set(provider, n);
    const text = n === 0 ? undefined : await this.settings.get(refusedKey(provider, n));
    return { n, record: text === undefined ? undefined : parseRefused(text) };
  }
}
