import { createHmac } from "node:crypto";
import { sha256Hex } from "../shared/index.js";

export const ALGORITHM = "AWS4-HMAC-SHA256";

export interface CanonicalRequestParts {
  readonly method: string;
  readonly canonicalUri: string;
  readonly canonicalQuery: string;
  /** `name:value\n` per signed header. */
  readonly canonicalHeaders: string;
  /** The SignedHeaders list exactly as the Authorization header gave it. */
  readonly signedHeaders: string;
  readonly hashedPayload: string;
}

/** AWS SigV4 docs, "Create a canonical request": six parts joined with '\n'. */
export function canonicalRequest(parts: CanonicalRequestParts): string {
  return `${parts.method}\n${parts.canonicalUri}\n${parts.canonicalQuery}\n${parts.canonicalHeaders}\n${parts.signedHeaders}\n${parts.hashedPayload}`;
}

/** AWS SigV4 docs, "Create a string to sign": algorithm, request time, scope, hashed canonical request. */
export function stringToSign(amzDate: string, scope: string, request: string): string {
  return `${ALGORITHM}\n${amzDate}\n${scope}\n${sha256Hex(request)}`;
}

/** AWS SigV4 docs, "Calculate the signature", step 2: hex(HMAC(kSigning, stringToSign)). */
export function signatureHex(signingKey: Uint8Array, toSign: string): string {
  return createHmac("sha256", signingKey).update(toSign).digest("hex");
}
