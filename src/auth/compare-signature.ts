import { timingSafeEqual } from "node:crypto";

/**
 * Constant-time comparison of the computed and the provided signature (DESIGN.md, "constant-time
 * secret comparison"), so response timing does not reveal how many leading characters matched.
 * The length of a SigV4 signature (64 hex characters) is public, so a length mismatch may return
 * early, and must: timingSafeEqual throws a RangeError on buffers of different lengths.
 */
export function signaturesMatch(expectedHex: string, providedHex: string): boolean {
  const expected = Buffer.from(expectedHex, "utf8");
  const provided = Buffer.from(providedHex, "utf8");
  if (expected.length !== provided.length) return false;
  return timingSafeEqual(expected, provided);
}
