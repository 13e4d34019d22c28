/**
 * The signature check, and its failures as rejection reasons. RS256/384/512 (the default
 * allow-list) are verified with node:crypto directly (shared/jws-pkcs1.ts: the same checks jose's
 * compactVerify makes for them, for about half the CPU). jose still parses the token, and
 * verifies every other algorithm, and any key it would treat differently.
 */
import { type CryptoKey, compactVerify } from "jose";
import { assertNever, verifyJwsPkcs1 } from "../shared/index.js";
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

/** RS256/384/512 with node:crypto (shared/jws-pkcs1.ts); "jose" when jose is to decide. */
function verifyPkcs1(token: string, key: CryptoKey, alg: string): TokenRejection | undefined | "jose" {
  const outcome = verifyJwsPkcs1(token, key, alg);
  switch (outcome) {
    case "verified":
      return undefined;
    case "bad_signature":
      return reject("bad_signature", BAD_SIGNATURE);
    case "not_three_parts":
      return reject("malformed", "Invalid Compact JWS");
    case "bad_signature_encoding":
      return reject("malformed", "Failed to base64url decode the signature");
    case "unsuitable_key":
      return "jose";
    default:
      return assertNever(outcome, "PKCS#1 outcome");
  }
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
