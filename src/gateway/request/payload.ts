import { CONTENT_SHA256_MISMATCH, EMPTY_SHA256, type PendingSignature } from "../../auth/index.js";
import { refuse } from "../refusal.js";

export const UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

const UNSIGNED_REFUSED =
  "UNSIGNED-PAYLOAD is not accepted here: sign the body, or start the gateway with --allow-unsigned-payload.";

/**
 * How the body is held to the signature (AWS SigV4 docs, "Create a canonical request":
 * HashedPayload). With `x-amz-content-sha256` the signature covers the declared hash, so it is
 * checked at once and the body must then hash to it; `UNSIGNED-PAYLOAD` leaves the body out, and
 * only with --allow-unsigned-payload. Without the header the signature covers the body's own hash,
 * known at its end; a request without a body is checked at once against the empty hash.
 * Returns the check the streamed body must pass.
 */
export function payloadCheck(
  pending: PendingSignature,
  hasBody: boolean,
  allowUnsignedPayload: boolean,
): (sha256Hex: string) => void {
  const declared = pending.declaredPayloadHash;
  if (declared === UNSIGNED_PAYLOAD) {
    if (!allowUnsignedPayload) throw refuse(UNSIGNED_REFUSED);
    pending.finish(UNSIGNED_PAYLOAD);
    return () => {};
  }
  // The hash the signature covers, when it is known before the body: the declared one, or the empty body's.
  const signed = declared ?? (hasBody ? undefined : EMPTY_SHA256);
  if (signed === undefined) return (computed) => pending.finish(computed);
  pending.finish(signed);
  return (computed) => {
    if (computed !== signed) throw refuse(CONTENT_SHA256_MISMATCH);
  };
}
