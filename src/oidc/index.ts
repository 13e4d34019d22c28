/**
 * oidc/: verifying third-party OpenID Connect ID tokens the way Cognito does (reference §4, §7.3).
 * Pure of HTTP-server and store concerns: callers pass the provider's registration and the logins
 * key, and get the verified claims or a reason (never an exception) to map to their own error.
 *
 *   const verifier = new OidcVerifier({ clock, trust, log });
 *   const outcome = await verifier.verify(token, provider, loginsKey);
 *   if (!outcome.ok) throw toServiceError(outcome.rejection);
 */

export { ADVICE } from "./advice.js";
export { CLOCK_SKEW_GRACE_SECONDS, MAX_SUBJECT_LENGTH, subjectProblem, type VerifiedClaims } from "./claim-rules.js";
export { type DecodedToken, type DecodeOutcome, decodeUnverified, MAX_TOKEN_LENGTH } from "./decode.js";
export { type CheckStatus, type Diagnosis, type DiagnosisCheck, diagnoseToken } from "./diagnose.js";
export { type CheckedHeader, DEFAULT_ALGORITHMS, SUPPORTED_ALGORITHMS } from "./header-rules.js";
export type { FetchLimits } from "./https-fetch.js";
export { type ChainCertificate, type ChainReport, type HostChain, inspectProviderChains } from "./inspect-chain.js";
export type { KeyLog } from "./key-cache.js";
export { DEFAULT_KEY_CACHE_LIMITS, type KeyCacheLimits } from "./key-cache-limits.js";
export type { SharedSettings } from "./key-decisions.js";
export type { AcceptOutcome, DiscontinuityMode } from "./key-watch.js";
export {
  type ExpiredRejection,
  KEY_FETCH_REASONS,
  type OtherRejection,
  type RejectionReason,
  type RuleName,
  ruleOf,
  type TokenRejection,
} from "./rejection.js";
export { normalizeThumbprints } from "./tls-trust.js";
export type { InspectOutcome } from "./token-inspection.js";
export { OidcVerifier } from "./verifier.js";
export {
  DEFAULT_FETCH_LIMITS,
  type OidcTrustOptions,
  type OidcVerifierOptions,
  type ProviderRegistration,
  type VerifyOutcome,
} from "./verifier-options.js";
