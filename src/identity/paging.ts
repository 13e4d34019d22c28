import { serviceError } from "../errors/index.js";
import { base64urlDecodeCanonical, base64urlEncode } from "../shared/index.js";

/**
 * NextToken of the list operations: the base64url of the last key returned, opaque to clients
 * (reference §2.3). Listing resumes after that key, so a token stays good when the item it names
 * is deleted in between.
 */
export function encodeNextToken(lastKey: string): string {
  return base64urlEncode(lastKey);
}

/**
 * Decodes a token this service issued; `isKey` says what a well-formed key looks like. Anything
 * else (garbled, hand-made, from another operation) is InvalidParameterException.
 */
export function decodeNextToken(token: string, isKey: (key: string) => boolean): string {
  const key = base64urlDecodeCanonical(token)?.toString("utf8") ?? "";
  if (key === "" || base64urlEncode(key) !== token || !isKey(key)) {
    throw serviceError("InvalidParameter", "The NextToken is not valid.");
  }
  return key;
}

const REGIONAL_ID = /^[\w-]+:[0-9a-f-]+$/;

/** Pool and identity ids are `REGION:GUID` (reference §2.1). */
export const isRegionalId = (key: string): boolean => REGIONAL_ID.test(key);
