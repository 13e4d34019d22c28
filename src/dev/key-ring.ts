import { createPublicKey } from "node:crypto";
import { type CryptoKey, importJWK, type JWK } from "jose";
import type { Clock, IdSource, Logger } from "../shared/index.js";
import type { Store } from "../store/index.js";
import { highestGeneration, type KeyRecord, readGeneration, writeGeneration } from "./key-log.js";

export interface LoadedKey {
  readonly generation: number;
  readonly kid: string;
  readonly privateKey: CryptoKey;
  /** What the JWKS publishes (RFC 7517 §4). */
  readonly publicJwk: JWK;
  /** The public key as SPKI PEM text with its final newline: the HMAC key of the `hs256` break rule. */
  readonly publicPem: string;
}

/**
 * How stale the key list may get: `idpool dev rotate-idp-key` writes to the store from another
 * process, and the running server must sign with the new key and publish it within seconds. A
 * re-read is one settings lookup (is there a next generation?).
 */
export const KEY_REFRESH_MS = 2_000;

async function load(record: KeyRecord): Promise<LoadedKey> {
  const { n, e } = record.privateJwk;
  if (n === undefined || e === undefined) throw new Error(`key ${record.kid} has no modulus or exponent`);
  const publicJwk: JWK = { kty: "RSA", n, e, kid: record.kid, alg: "RS256", use: "sig" };
  const privateKey = await importJWK(record.privateJwk, "RS256");
  if (privateKey instanceof Uint8Array) throw new Error(`key ${record.kid} is not an RSA key`);
  const publicPem = createPublicKey({ key: { kty: "RSA", n, e }, format: "jwk" })
    .export({ type: "spki", format: "pem" })
    .toString();
  return { generation: record.generation, kid: record.kid, privateKey, publicJwk, publicPem };
}

/**
 * One provider's keys, cached: the current generation signs, the current and the previous one are
 * published, so tokens signed just before a rotation still verify until the next one.
 */
export class KeyRing {
  private current: LoadedKey | undefined;
  private previous: LoadedKey | undefined;
  private checkedAtMs = Number.NEGATIVE_INFINITY;
  private loading: Promise<void> | undefined;

  constructor(
    private readonly deps: {
      readonly store: Store;
      readonly clock: Clock;
      readonly ids: IdSource;
      readonly log: Logger;
    },
    readonly name: string,
  ) {}

  async signingKey(): Promise<LoadedKey> {
    await this.fresh();
    if (!this.current) throw new Error(`test provider ${this.name} has no key after loading`);
    return this.current;
  }

  /** Newest first. */
  async published(): Promise<readonly LoadedKey[]> {
    await this.fresh();
    return [this.current, this.previous].filter((k): k is LoadedKey => k !== undefined);
  }

  /** Appends the next generation (the previous key stays published); returns the new kid. */
  async rotate(): Promise<string> {
    await this.refresh();
    const { store, clock, ids, log } = this.deps;
    const record = await writeGeneration(store, clock, ids, this.name, (this.current?.generation ?? 0) + 1);
    log.info({ provider: this.name, kid: record.kid, generation: record.generation }, "test provider key rotated");
    await this.refresh();
    return record.kid;
  }

  private async fresh(): Promise<void> {
    if (!this.current || this.deps.clock.nowMs() - this.checkedAtMs >= KEY_REFRESH_MS) await this.refresh();
  }

  /** Re-reads the log; creates generation 1 when there is none. Concurrent callers share one read. */
  refresh(): Promise<void> {
    this.loading ??= (async () => {
      try {
        await this.read();
      } finally {
        this.loading = undefined;
      }
    })();
    return this.loading;
  }

  private async read(): Promise<void> {
    const { store, clock, ids, log } = this.deps;
    const known = this.current?.generation ?? 0;
    let highest = await highestGeneration(store, this.name, known);
    if (highest === 0) {
      const created = await writeGeneration(store, clock, ids, this.name, 1);
      log.info({ provider: this.name, kid: created.kid }, "test provider key created");
      highest = await highestGeneration(store, this.name, 1);
    }
    if (highest !== known) {
      const [current, previous] = await Promise.all([this.loadGeneration(highest), this.loadGeneration(highest - 1)]);
      this.current = current;
      this.previous = previous;
    }
    this.checkedAtMs = clock.nowMs();
  }

  private async loadGeneration(generation: number): Promise<LoadedKey | undefined> {
    if (generation < 1) return undefined;
    if (this.current?.generation === generation) return this.current;
    const record = await readGeneration(this.deps.store, this.name, generation);
    if (!record) throw new Error(`test provider ${this.name}: key generation ${generation} vanished from the store`);
    return load(record);
  }
}
