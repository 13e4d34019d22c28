import { createHash, timingSafeEqual } from "node:crypto";

/** RFC 7636 §4.1: a verifier (and so an S256 challenge, §4.2) is 43 to 128 unreserved characters. */
const PKCE_TEXT = /^[A-Za-z0-9._~-]{43,128}$/;

export function isPkceText(value: string): boolean {
  return PKCE_TEXT.test(value);
}

/** RFC 7636 §4.6: BASE64URL(SHA256(ASCII(code_verifier))) == code_challenge, compared in constant time. */
export function verifierMatches(verifier: string, challenge: string): boolean {
  if (!isPkceText(verifier)) return false;
  const computed = Buffer.from(createHash("sha256").update(verifier, "ascii").digest("base64url"), "ascii");
  const expected = Buffer.from(challenge, "ascii");
  return computed.length === expected.length && timingSafeEqual(computed, expected);
}
