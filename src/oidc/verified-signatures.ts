import type { webcrypto } from "node:crypto";
import { sha256Base64 } from "../shared/index.js";

type CryptoKey = webcrypto.CryptoKey;

/** Enough for the tokens of every client active within a few minutes on a busy server. */
const MAX_ENTRIES = 10_000;

/**
 * Remembers which key verified which token, so the RSA math is not redone when the same token
 * comes back (apps send one ID token to GetId, then to GetCredentialsForIdentity, and again on each
 * refresh). Only the signature check is skipped: header, issuer, key lookup, audience, lifetime
 * and subject run on every call. A hit needs the very key object the cache holds now, so a key
 * that was refetched or rotated out verifies afresh. Tokens are kept as SHA-256 digests, never as
 * text, so memory stays bounded however large the tokens.
 */
export class VerifiedSignatures {
  private readonly entries = new Map<string, CryptoKey>();

  /** Whether `key` is the key that verified `token` before. */
  has(token: string, key: CryptoKey): boolean {
    return this.entries.get(sha256Base64(token)) === key;
  }

  remember(token: string, key: CryptoKey): void {
    // Map order is insertion order: dropping the first entry drops the oldest.
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value ?? "");
    this.entries.set(sha256Base64(token), key);
  }

  clear(): void {
    this.entries.clear();
  }
}
