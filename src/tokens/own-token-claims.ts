/**
 * The claim rules of idpool's own OpenID tokens (reference §5), once their signature verified: the
 * ones jose's jwtVerify applied to them, in its order and with its messages (`iss` this issuer;
 * `sub`, `aud`, `exp` and `iat` present; the dates numbers; no clock tolerance, as idpool checks
 * what its own clock signed).
 */
import type { JWTPayload } from "jose";
import type { RejectionReason, TokenRejection } from "../oidc/index.js";

type OwnReason = Exclude<RejectionReason, "expired">;

/** The claims every own token carries, checked. */
export interface CheckedOwnClaims {
  readonly sub: string;
  readonly aud: string;
  readonly iat: number;
  readonly exp: number;
}

/** jose's order: presence is checked for iss, then the required claims last to first. */
const REQUIRED = ["iss", "iat", "exp", "aud", "sub"] as const;

const REASON_OF: Readonly<Record<(typeof REQUIRED)[number] | "nbf", OwnReason>> = {
  iss: "issuer_mismatch",
  aud: "missing_aud",
  sub: "missing_sub",
  exp: "missing_exp",
  iat: "issued_in_future",
  nbf: "not_yet_valid",
};

const refusal = (claim: keyof typeof REASON_OF, why: string): TokenRejection => ({
  reason: REASON_OF[claim],
  detail: `claim ${claim} failed: ${why}`,
});

/** The checked claims, or why the token is refused. */
export function checkOwnClaims(
  payload: JWTPayload,
  issuer: string,
  nowEpochSeconds: number,
): CheckedOwnClaims | TokenRejection {
  for (const claim of REQUIRED) {
    if (!Object.hasOwn(payload, claim)) return refusal(claim, `missing required "${claim}" claim`);
  }
  if (payload.iss !== issuer) return refusal("iss", 'unexpected "iss" claim value');
  const { sub, iat, nbf, exp } = payload;
  const aud = Array.isArray(payload.aud) ? payload.aud[0] : payload.aud;
  if (typeof iat !== "number") return refusal("iat", '"iat" claim must be a number');
  if (nbf !== undefined && typeof nbf !== "number") return refusal("nbf", '"nbf" claim must be a number');
  if (nbf !== undefined && nbf > nowEpochSeconds) return refusal("nbf", '"nbf" claim timestamp check failed');
  if (typeof exp !== "number") return refusal("exp", '"exp" claim must be a number');
  if (exp <= nowEpochSeconds) {
    return { reason: "expired", detail: "token expired", nowEpochSeconds, expEpochSeconds: exp };
  }
  // Every own token names one identity and one pool; anything else was not signed by idpool as is.
  if (typeof sub !== "string") return refusal("sub", '"sub" claim must be a string');
  if (typeof aud !== "string") return refusal("aud", '"aud" claim must be a string');
  return { sub, aud, iat, exp };
}
