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
