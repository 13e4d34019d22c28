import { serviceError } from "../errors/index.js";
import { sha256Hex } from "../shared/index.js";
import { type HeaderMap, headerValue } from "./canonical-headers.js";

export const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

export const CONTENT_SHA256_MISMATCH = "The provided 'x-amz-content-sha256' header does not match what was computed.";

/**
 * HashedPayload (AWS SigV4 docs, "Create a canonical request"): lower-case hex SHA-256 of the body.
 * The SDK sends and signs `x-amz-content-sha256` on these services (reference/toolchain.md §2.1);
 * when present it must be the body's hash. Its value is what the client put in the canonical
 * request, so it is checked and then used. `UNSIGNED-PAYLOAD` (an S3 feature) fails that check:
 * these services always sign the body.
 */
export function hashedPayload(headers: HeaderMap, body: Buffer): string {
  const computed = body.length === 0 ? EMPTY_SHA256 : sha256Hex(body);
  const declared = headerValue(headers, "x-amz-content-sha256");
  if (declared !== undefined && declared !== computed) {
    throw serviceError("InvalidSignature", CONTENT_SHA256_MISMATCH);
  }
  return computed;
}
