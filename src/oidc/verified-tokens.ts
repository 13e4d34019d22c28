import type { webcrypto } from "node:crypto";
import { sha256Base64 } from "../shared/index.js";
import type { DecodedToken, JsonObject } from "./decode.js";

type CryptoKey = webcrypto.CryptoKey;

/** Enough for the tokens of every client active within a few minutes on a busy server. */
const MAX_ENTRIES = 10_000;

/** A token verified before: the key that verified it and its parts as they were decoded then. */
export interface VerifiedToken {
  readonly key: CryptoKey;
  readonly decoded: Readonly<DecodedToken>;
}

/**
 * Remembers which key verified which token, and the token's decoded parts, so that neither the
 * RSA math nor the strict decoding (decode.ts: base64url, UTF-8, JSON, duplicate members; about
 * 7 µs of CPU a token here) is redone when the same token comes back (apps send one ID token to
 * GetId, then to GetCredentialsForIdentity, and again on each refresh). Only those are skipped:
 * header rules, issuer, key lookup, audience, lifetime and subject run on every call. A hit needs
 * the very key object the cache holds now, so a key that was refetched or rotated out verifies
 * afresh. Tokens are kept as SHA-256 digests, never as text, so memory stays bounded however large
 * the tokens; the parts are frozen, as every later call shares them.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, VerifiedToken>();

  /** The name a token is looked up and remembered under. */
  digestOf(token: string): string {
    return sha256Base64(token);
  }

  /** The token of this digest as it was verified, if it was. */
  get(digest: string): VerifiedToken | undefined {
    return this.entries.get(digest);
  }

  remember(digest: string, key: CryptoKey, decoded: DecodedToken): void {
    // Map order is insertion order: dropping the first entry drops the oldest.
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value ?? "");
    const parts = { header: frozen(decoded.header), claims: frozen(decoded.claims) };
    this.entries.set(digest, { key, decoded: Object.freeze(parts) });
  }

  clear(): void {
    this.entries.clear();
  }
}

/** JSON.parse output frozen at every depth (objects and arrays only: no cycles, no accessors). */
function frozen<T extends JsonObject | unknown[]>(value: T): T {
  for (const member of Object.values(value)) {
    if (typeof member === "object" && member !== null && !Object.isFrozen(member)) frozen(member as JsonObject);
  }
  return Object.freeze(value);
}
