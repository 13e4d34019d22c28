import { randomBytes, randomUUID } from "node:crypto";

/** Randomness is injected so tests can make ids predictable. */
export interface IdSource {
  uuid(): string;
  bytes(length: number): Buffer;
}

/** Random bytes are drawn from a pool refilled 4 KiB at a time: one system call per many ids. */
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let offset = 0;

function pooledRandomBytes(length: number): Buffer {
  if (length > POOL_BYTES / 4) return randomBytes(length);
  if (offset + length > pool.length) {
    pool = randomBytes(POOL_BYTES);
    offset = 0;
  }
  // A copy, so no caller can see or alter bytes handed to another.
  const out = Buffer.from(pool.subarray(offset, offset + length));
  offset += length;
  return out;
}

export const cryptoIds: IdSource = { uuid: () => randomUUID(), bytes: pooledRandomBytes };

/** Cognito ids are `REGION:GUID` with a lower-case v4 UUID (reference §2.1). */
export function regionalId(region: string, ids: IdSource): string {
  return `${region}:${ids.uuid()}`;
}

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** Random characters of RFC 4648 base32 (`[A-Z2-7]`), the alphabet of AWS access key ids. */
export function base32Chars(ids: IdSource, count: number): string {
  const bytes = ids.bytes(count);
  let out = "";
  for (let i = 0; i < count; i++) out += BASE32[(bytes[i] ?? 0) & 31];
  return out;
}

const SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** 40-character secret access key, the length and alphabet AWS uses. */
export function secretAccessKey(ids: IdSource): string {
  const bytes = ids.bytes(40);
  let out = "";
  for (let i = 0; i < 40; i++) out += SECRET_ALPHABET[(bytes[i] ?? 0) & 63];
  return out;
}

/**
 * `idpool dev --seed N`: ids (`uuid()`: pool and identity ids, key ids) follow a sequence fixed by
 * the seed, so a test run that makes the same calls gets the same ids; `bytes()` (secrets, keys,
 * IVs) stays cryptographically random. mulberry32, a small well-known 32-bit generator: enough for
 * ids that only need to be distinct and repeatable, never for anything secret.
 */
export function seededIds(seed: number): IdSource {
  let state = seed >>> 0;
  const next32 = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
  const hex = (n: number) => n.toString(16).padStart(8, "0");
  return {
    uuid() {
      const [a, b, c, d] = [hex(next32()), hex(next32()), hex(next32()), hex(next32())];
      // Version 4 and the RFC 9562 variant, so the ids look like any other (reference §2.1).
      const variant = ((Number.parseInt(c.slice(0, 1), 16) & 0x3) | 0x8).toString(16);
      return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
    },
    bytes: pooledRandomBytes,
  };
}
