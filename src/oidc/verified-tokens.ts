import type { webcrypto } from "node:crypto";
import { OldestFirst, sha256Base64 } from "../shared/index.js";
import type { DecodedToken, JsonObject } from "./decode.js";

type CryptoKey = webcrypto.CryptoKey;

/** Enough for the tokens of every client active within a few minutes on a busy server. */
const MAX_ENTRIES = 10_000;
/**
 * Token text whose decoded parts are kept, in characters over all entries (the parts take a few
 * times that in memory): about 3,000 ID tokens of typical size. Past it, a token is remembered
 * with its key only and decoded on every call, so memory stays bounded however large the tokens.
 */
const MAX_PARTS_CHARACTERS = 4 * 1024 * 1024;

/** A token verified before: the key that verified it and, from its second use and within the budget, its decoded parts. */
export interface VerifiedToken {
  readonly key: CryptoKey;
  readonly decoded: Readonly<DecodedToken> | undefined;
}

interface Entry extends VerifiedToken {
  /** The token's length when its parts are kept, else 0: its share of the parts' budget. */
  readonly partsCharacters: number;
}

/**
 * Remembers which key verified which token, and from its second use its decoded parts, so that
 * neither the RSA math nor the strict decoding (decode.ts: base64url, UTF-8, JSON, duplicate
 * members; about 7 µs of CPU a token here) is redone when the same token comes back (apps send one ID token to
 * GetId, then to GetCredentialsForIdentity, and again on each refresh). Only those are skipped:
 * header rules, issuer, key lookup, audience, lifetime and subject run on every call. A hit needs
 * the very key object the cache holds now, so a key that was refetched or rotated out verifies
 * afresh. Tokens are kept as SHA-256 digests, never as text; the parts are frozen, as every later
 * call shares them.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, Entry>();
  private readonly oldest = new OldestFirst(this.entries);
  private partsCharacters = 0;

  /** The name a token is looked up and remembered under. */
  digestOf(token: string): string {
    return sha256Base64(token);
  }

  /** The token of this digest as it was verified, if it was. */
  get(digest: string): VerifiedToken | undefined {
    return this.entries.get(digest);
  }

  /** A token whose signature `key` just verified: remembered with its key only (see keepParts). */
  remember(digest: string, key: CryptoKey): void {
    this.forget(digest);
    // Every first-seen token lands here once the cache is full: eviction must not scan (oldest-first.ts).
    const [, evicted] = this.oldest.makeRoom(MAX_ENTRIES) ?? [];
    this.partsCharacters -= evicted?.partsCharacters ?? 0;
    this.entries.set(digest, { key, decoded: undefined, partsCharacters: 0 });
  }

  /**
   * Keeps the decoded parts of a remembered token, called on its second use: freezing them costs
   * about as much as decoding once (5 µs here), which a token used once would pay for nothing.
   */
  keepParts(digest: string, decoded: DecodedToken, tokenLength: number): void {
    const entry = this.entries.get(digest);
    if (!entry || entry.decoded || this.partsCharacters + tokenLength > MAX_PARTS_CHARACTERS) return;
    const parts = Object.freeze({ header: frozen(decoded.header), claims: frozen(decoded.claims) });
    this.entries.set(digest, { key: entry.key, decoded: parts, partsCharacters: tokenLength });
    this.partsCharacters += tokenLength;
  }

  clear(): void {
    this.entries.clear();
    this.partsCharacters = 0;
  }

  private forget(digest: string): void {
    const entry = this.entries.get(digest);
    if (!entry) return;
    this.entries.delete(digest);
    this.partsCharacters -= entry.partsCharacters;
  }
}

/** JSON.parse output frozen at every depth (objects and arrays only: no cycles, no accessors). */
function frozen<T extends JsonObject | unknown[]>(value: T): T {
  for (const member of Object.values(value)) {
    if (typeof member === "object" && member !== null && !Object.isFrozen(member)) frozen(member as JsonObject);
  }
  return Object.freeze(value);
}
