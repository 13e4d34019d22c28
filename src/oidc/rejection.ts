/**
 * Why a token was refused. oidc/ returns these instead of throwing (DESIGN.md "Errors"): each service
 * maps a reason to its own error and to the exact message users search for. `detail` is for
 * operators (expected vs found); it never contains the token, a signature or a key.
 */
export type RejectionReason =
  // the token itself
  | "token_too_large"
  | "malformed"
  | "alg_not_allowed"
  | "crit_unsupported"
  | "issuer_mismatch"
  | "no_matching_key"
  | "bad_signature"
  | "missing_aud"
  | "audience_mismatch"
  | "azp_mismatch"
  | "missing_exp"
  | "missing_sub"
  | "expired"
  | "not_yet_valid"
  | "issued_in_future"
  // getting the provider's keys
  | "untrusted_tls"
  | "thumbprint_mismatch"
  | "hostname_mismatch"
  | "jwks_unreachable"
  | "discovery_invalid"
  | "jwks_invalid";

/** Reasons that come from fetching keys rather than from the token. */
export const KEY_FETCH_REASONS: ReadonlySet<RejectionReason> = new Set<RejectionReason>([
  "untrusted_tls",
  "thumbprint_mismatch",
  "hostname_mismatch",
  "jwks_unreachable",
  "discovery_invalid",
  "jwks_invalid",
]);

/** `expired` carries the two numbers Cognito prints (`Token expired: <now> >= <exp>`). */
export interface ExpiredRejection {
  reason: "expired";
  detail: string;
  nowEpochSeconds: number;
  expEpochSeconds: number;
}

export interface OtherRejection {
  reason: Exclude<RejectionReason, "expired">;
  detail: string;
}

export type TokenRejection = ExpiredRejection | OtherRejection;

export function reject(reason: Exclude<RejectionReason, "expired">, detail: string): OtherRejection {
  return { reason, detail };
}

/** Quotes a value from a token for a detail line, cut short so a hostile claim cannot flood logs. */
export function quote(value: unknown): string {
  const text = typeof value === "string" ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** The rule a reason breaks, as `idpool doctor` names its checks (diagnose.ts). */
export type RuleName = "shape" | "algorithm" | "issuer" | "keys" | "signature" | "lifetime" | "audience" | "subject";

const RULE_OF_REASON: Readonly<Record<RejectionReason, RuleName>> = {
  token_too_large: "shape",
  malformed: "shape",
  alg_not_allowed: "algorithm",
  crit_unsupported: "algorithm",
  issuer_mismatch: "issuer",
  no_matching_key: "keys",
  untrusted_tls: "keys",
  thumbprint_mismatch: "keys",
  hostname_mismatch: "keys",
  jwks_unreachable: "keys",
  discovery_invalid: "keys",
  jwks_invalid: "keys",
  bad_signature: "signature",
  missing_aud: "audience",
  audience_mismatch: "audience",
  azp_mismatch: "audience",
  missing_exp: "lifetime",
  expired: "lifetime",
  not_yet_valid: "lifetime",
  issued_in_future: "lifetime",
  missing_sub: "subject",
};

export function ruleOf(reason: RejectionReason): RuleName {
  return RULE_OF_REASON[reason];
}
