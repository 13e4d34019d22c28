export { CONTENT_SHA256_MISMATCH, EMPTY_SHA256 } from "./payload-hash.js";
export type { CredentialLookup, SignedRequest, SignedRequestHead, SigningSecret, VerifyOptions } from "./types.js";
export { beginSigV4, DEFAULT_MAX_SKEW_MS, type PendingSignature, SIGNATURE_MISMATCH, verifySigV4 } from "./verify.js";
