import { createHmac } from "node:crypto";
import { OldestFirst } from "../shared/index.js";

/**
 * Signing key derivation (AWS SigV4 docs, "Calculate the signature", step 1):
 *   kDate = HMAC("AWS4" + secret, yyyymmdd); kRegion = HMAC(kDate, region);
 *   kService = HMAC(kRegion, service); kSigning = HMAC(kService, "aws4_request").
 */
export function deriveSigningKey(secretAccessKey: string, date: string, region: string, service: string): Buffer {
  const kDate = createHmac("sha256", `AWS4${secretAccessKey}`).update(date).digest();
  const kRegion = createHmac("sha256", kDate).update(region).digest();
  const kService = createHmac("sha256", kRegion).update(service).digest();
  return createHmac("sha256", kService).update("aws4_request").digest();
}

/**
 * The key depends only on secret, date, region and service, so one key serves a credential's
 * every request of the day: four HMACs saved per request. Bounded: the oldest entry goes first
 * (a Map iterates in insertion order). Entries are only added after the access key was recognised,
 * so an unauthenticated caller cannot fill the cache.
 */
export class SigningKeyCache {
  private readonly keys = new Map<string, Buffer>();
  private readonly oldest = new OldestFirst(this.keys);

  constructor(private readonly maxEntries = 1024) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new Error("maxEntries must be a positive integer");
  }

  get size(): number {
    return this.keys.size;
  }

  get(secretAccessKey: string, date: string, region: string, service: string): Buffer {
    // NUL cannot occur in a header-borne date, region or service, so the key is unambiguous.
    const cacheKey = `${date}\0${region}\0${service}\0${secretAccessKey}`;
    const cached = this.keys.get(cacheKey);
    if (cached !== undefined) return cached;
    const key = deriveSigningKey(secretAccessKey, date, region, service);
    this.oldest.makeRoom(this.maxEntries);
    this.keys.set(cacheKey, key);
    return key;
  }
}
