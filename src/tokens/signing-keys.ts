import { createPrivateKey, type KeyObject, type webcrypto } from "node:crypto";
import { exportJWK, generateKeyPair, importJWK, type JWK } from "jose";

type CryptoKey = webcrypto.CryptoKey;

import type { Clock, IdSource } from "../shared/index.js";
import type { SigningKeyRecord, Store } from "../store/index.js";

/** The longest token idpool signs (developer tokens, TokenDuration ≤ 86400 s; reference §5). */
export const MAX_TOKEN_LIFETIME_MS = 86_400_000;
/** How stale the in-memory key list may get before signing re-reads it (a rotation elsewhere). */
const REFRESH_MS = 5_000;

export interface LoadedKey {
  readonly kid: string;
  /** The private key as node:crypto takes it (sign-rs512.ts). */
  readonly signingKey: KeyObject;
  readonly publicKey: CryptoKey;
  readonly publicJwk: JWK;
  readonly createdAtMs: number;
}

async function load(record: SigningKeyRecord): Promise<LoadedKey> {
  const publicJwk = JSON.parse(record.publicJwk) as JWK;
  const publicKey = await importJWK(publicJwk, "RS512");
  return {
    kid: record.kid,
    // Signing goes through node:crypto (sign-rs512.ts): the private key is imported for it alone.
    signingKey: createPrivateKey({ key: JSON.parse(record.privateJwk), format: "jwk" }),
    publicKey: publicKey as CryptoKey,
    publicJwk,
    createdAtMs: record.createdAtMs,
  };
}

/** Makes a new RS512 key pair, the algorithm of Cognito's own tokens (reference §5). */
export async function newSigningKeyRecord(region: string, clock: Clock, ids: IdSource): Promise<SigningKeyRecord> {
  const { privateKey, publicKey } = await generateKeyPair("RS512", { modulusLength: 2048, extractable: true });
  const kid = `${region}-${ids.uuid().slice(0, 8)}`;
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: "RS512", use: "sig" };
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: "RS512" };
  return {
    kid,
    privateJwk: JSON.stringify(privateJwk),
    publicJwk: JSON.stringify(publicJwk),
    createdAtMs: clock.nowMs(),
    supersededAtMs: undefined,
  };
}

/**
 * The published keys, newest first, cached in memory. Keys live in the store so every process
 * signs and verifies with the same set; a key superseded by a rotation stays published until every
 * token it could have signed has expired.
 */
export class SigningKeySet {
  private keys: readonly LoadedKey[] = [];
  private loadedAtMs = Number.NEGATIVE_INFINITY;
  private loading: Promise<void> | undefined;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** The key to sign with; re-reads the store at most every few seconds. */
  async current(): Promise<LoadedKey> {
    if (this.clock.nowMs() - this.loadedAtMs > REFRESH_MS) await this.reload();
    const key = this.keys[0];
    if (!key) throw new Error("no signing key in the store; start-up should have created one");
    return key;
  }

  async published(): Promise<readonly LoadedKey[]> {
    if (this.clock.nowMs() - this.loadedAtMs > REFRESH_MS) await this.reload();
    return this.keys;
  }

  /** The key with `kid`; an unknown kid forces one re-read (a rotation by another process). */
  async byKid(kid: string): Promise<LoadedKey | undefined> {
    const found = this.keys.find((k) => k.kid === kid);
    if (found) return found;
    await this.reload();
    return this.keys.find((k) => k.kid === kid);
  }

  reload(): Promise<void> {
    // Single flight: concurrent callers share one read.
    this.loading ??= (async () => {
      try {
        const records = await this.store.signingKeys.listPublished(this.clock.nowMs() - MAX_TOKEN_LIFETIME_MS);
        this.keys = await Promise.all(records.map(load));
        this.loadedAtMs = this.clock.nowMs();
      } finally {
        this.loading = undefined;
      }
    })();
    return this.loading;
  }
}
