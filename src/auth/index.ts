export type { CredentialLookup, SignedRequest, SigningSecret, VerifyOptions } from "./types.js";
export { DEFAULT_MAX_SKEW_MS, SIGNATURE_MISMATCH, verifySigV4 } from "./verify.js";
