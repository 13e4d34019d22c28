/** The signature check, by jose, and its errors as rejection reasons. */
import { type CryptoKey, compactVerify } from "jose";
import { reject, type TokenRejection } from "./rejection.js";

/** jose error codes (jose `util/errors`) → reasons; anything else a key verified is a bad signature. */
function joseRejection(error: unknown): TokenRejection {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === "ERR_JWS_INVALID" || code === "ERR_JWT_INVALID") return reject("malformed", message);
  if (code === "ERR_JOSE_ALG_NOT_ALLOWED") return reject("alg_not_allowed", message);
  if (code === "ERR_JOSE_NOT_SUPPORTED") return reject("crit_unsupported", message);
  if (error instanceof TypeError) return reject("no_matching_key", `the key cannot verify this token: ${message}`);
  return reject("bad_signature", "the signature does not verify with the provider's key");
}

/** The signature, by jose. The allow-list is the header's own, already checked, alg: the key was chosen for it. */
export async function verifySignature(token: string, key: CryptoKey, alg: string): Promise<TokenRejection | undefined> {
  try {
    await compactVerify(token, key, { algorithms: [alg] });
    return undefined;
  } catch (error) {
    return joseRejection(error);
  }
}
