/**
 * The signature check, and its failures as rejection reasons. RS256/384/512 (the default
 * allow-list) are verified with node:crypto directly: the same checks jose's compactVerify makes
 * for them (three parts, the signature in canonical base64url, an RSA key of at least 2,048 bits
 * imported for this very algorithm, RSASSA-PKCS1-v1_5 over `header.payload`), for about half the
 * CPU of WebCrypto's job dispatch (bench/HISTORY.md). jose still parses the token and owns the
 * claim rules, and verifies every other algorithm, and any key it would treat differently.
 */
import { KeyObject, verify } from "node:crypto";
import { type CryptoKey, compactVerify } from "jose";
import { base64urlDecodeCanonical } from "../shared/index.js";
import { reject, type TokenRejection } from "./rejection.js";

/** jose error codes (jose `util/errors`) → reasons; anything else a key verified is a bad signature. */
function joseRejection(error: unknown): TokenRejection {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === "ERR_JWS_INVALID" || code === "ERR_JWT_INVALID") return reject("malformed", message);
  if (code === "ERR_JOSE_ALG_NOT_ALLOWED") return reject("alg_not_allowed", message);
  if (code === "ERR_JOSE_NOT_SUPPORTED") return reject("crit_unsupported", message);
  if (error instanceof TypeError) return reject("no_matching_key", `the key cannot verify this token: ${message}`);
  return reject("bad_signature", BAD_SIGNATURE);
}

const BAD_SIGNATURE = "the signature does not verify with the provider's key";
/** jose's minimum for RSA keys (its check of `modulusLength`), and NIST SP 800-131A's. */
const MIN_RSA_BITS = 2048;
const PKCS1_HASH: Readonly<Record<string, string>> = { RS256: "SHA-256", RS384: "SHA-384", RS512: "SHA-512" };

/** The KeyObject of an RSA key imported for RSASSA-PKCS1-v1_5 with this hash, else undefined (jose decides). */
const keyObjects = new WeakMap<CryptoKey, KeyObject>();
function pkcs1KeyFor(key: CryptoKey, hash: string): KeyObject | undefined {
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

/** RS256/384/512 with node:crypto; undefined when jose is to decide. */
function verifyPkcs1(token: string, key: CryptoKey, alg: string): TokenRejection | undefined | "jose" {
  const hash = PKCS1_HASH[alg];
  const object = hash === undefined ? undefined : pkcs1KeyFor(key, hash);
  if (!hash || !object) return "jose";
  const parts = token.split(".");
  if (parts.length !== 3) return reject("malformed", "Invalid Compact JWS");
  const [header = "", payload = "", signatureText = ""] = parts;
  const signature = base64urlDecodeCanonical(signatureText);
  if (signature === undefined || signature.length === 0)
    return reject("malformed", "Failed to base64url decode the signature");
  const ok = verify(`RSA-${hash.replace("-", "")}`, Buffer.from(`${header}.${payload}`, "utf8"), object, signature);
  return ok ? undefined : reject("bad_signature", BAD_SIGNATURE);
}

/** The signature. The allow-list is the header's own, already checked, alg: the key was chosen for it. */
export async function verifySignature(token: string, key: CryptoKey, alg: string): Promise<TokenRejection | undefined> {
  const direct = verifyPkcs1(token, key, alg);
  if (direct !== "jose") return direct;
  try {
    await compactVerify(token, key, { algorithms: [alg] });
    return undefined;
  } catch (error) {
    return joseRejection(error);
  }
}
