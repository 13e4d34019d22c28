/**
 * RS256/384/512 signatures of a compact JWS (RSASSA-PKCS1-v1_5, RFC 7518 §3.3) checked with
 * node:crypto directly: the checks jose's compactVerify makes for them (three parts, the signature
 * in canonical base64url, an RSA public key of at least 2,048 bits imported for this very
 * algorithm, the signature over `header.payload`), for about half the CPU of WebCrypto's job
 * dispatch (bench/HISTORY.md). Third-party tokens (oidc/signature.ts) and idpool's own
 * (tokens/openid-token.ts) are both checked here.
 */
import { KeyObject, verify, type webcrypto } from "node:crypto";
import { base64urlDecodeCanonical } from "./base64url.js";

/** What the check found; `unsuitable_key`: not a key it decides for (jose decides then). */
export type Pkcs1Outcome =
  | "verified"
  | "bad_signature"
  | "not_three_parts"
  | "bad_signature_encoding"
  | "unsuitable_key";

/** jose's minimum for RSA keys (its check of `modulusLength`), and NIST SP 800-131A's. */
const MIN_RSA_BITS = 2048;
const PKCS1_HASH: Readonly<Record<string, string>> = { RS256: "SHA-256", RS384: "SHA-384", RS512: "SHA-512" };

/** The KeyObject of an RSA public key imported for RSASSA-PKCS1-v1_5 with this hash, else undefined. */
const keyObjects = new WeakMap<webcrypto.CryptoKey, KeyObject>();
function pkcs1KeyFor(key: webcrypto.CryptoKey, hash: string): KeyObject | undefined {
  const algorithm = key.algorithm as { name?: string; hash?: { name?: string } };
  if (algorithm.name !== "RSASSA-PKCS1-v1_5" || algorithm.hash?.name !== hash || key.type !== "public")
    return undefined;
  let object = keyObjects.get(key);
  if (!object) {
    object = KeyObject.from(key);
    keyObjects.set(key, object);
  }
  const bits = object.asymmetricKeyDetails?.modulusLength ?? 0;
  return bits >= MIN_RSA_BITS ? object : undefined;
}

/** The signature of `token` by `key` for `alg` (RS256, RS384 or RS512). */
export function verifyJwsPkcs1(token: string, key: webcrypto.CryptoKey, alg: string): Pkcs1Outcome {
  const hash = PKCS1_HASH[alg];
  const object = hash === undefined ? undefined : pkcs1KeyFor(key, hash);
  if (!hash || !object) return "unsuitable_key";
  const parts = token.split(".");
  if (parts.length !== 3) return "not_three_parts";
  const [header = "", payload = "", signatureText = ""] = parts;
  const signature = base64urlDecodeCanonical(signatureText);
  if (signature === undefined || signature.length === 0) return "bad_signature_encoding";
  const ok = verify(`RSA-${hash.replace("-", "")}`, Buffer.from(`${header}.${payload}`, "utf8"), object, signature);
  return ok ? "verified" : "bad_signature";
}
