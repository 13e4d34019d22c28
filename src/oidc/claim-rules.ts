/**
 * Claim rules as Cognito documents them for OpenID Connect ID tokens (reference §4.1), as pure
 * functions so the verifier and `idpool doctor` apply exactly the same ones.
 */
import { hasControlCharacter } from "../shared/index.js";
import type { JsonObject } from "./decode.js";
import { quote, reject, type TokenRejection } from "./rejection.js";

/** "5-minute grace for clock skew" (reference §4.1, citing RFC 7523 §3). */
export const CLOCK_SKEW_GRACE_SECONDS = 300;

/** The claims of a verified token: the registered ones typed, all others kept as they came. */
export interface VerifiedClaims {
  iss: string;
  sub: string;
  aud: string | string[];
  azp?: string;
  exp: number;
  iat?: number;
  nbf?: number;
  [claim: string]: unknown;
}

/** `iss` must be the provider URL: scheme + logins key (reference §3.8, §4.1 rule 1). */
export function checkIssuer(claims: JsonObject, expectedIssuer: string): TokenRejection | undefined {
  if (claims.iss === expectedIssuer) return undefined;
  const found = claims.iss === undefined ? "no iss" : `iss ${quote(claims.iss)}`;
  return reject("issuer_mismatch", `expected iss "${expectedIssuer}", found ${found}`);
}

/**
 * The NumericDates idpool accepts (RFC 7519 §2: seconds since 1970-01-01T00:00:00Z): integers from
 * 0 to 32503680000 (3000-01-01T00:00:00Z). §2 also allows fractions and any magnitude; idpool is
 * stricter because issuers write whole seconds, Cognito and STS print whole seconds in their
 * messages (reference §4.2, §6.4), and 1e300 or 2^53+1 (which JSON.parse silently rounds) is a
 * token that never expires, or a date no `Date` can hold. The year 3000 is far past any honest
 * token and well inside safe integers and `Date`'s range; 2^31 would be a year-2038 bug.
 */
export const MAX_NUMERIC_DATE_SECONDS = 32_503_680_000;
const RANGE = `an integer from 0 to ${MAX_NUMERIC_DATE_SECONDS} (1970 to 3000-01-01T00:00:00Z)`;

function numericDate(claims: JsonObject, name: "exp" | "nbf" | "iat"): number | undefined | TokenRejection {
  const value = claims[name];
  if (value === undefined) return undefined;
  // A JSON number (STS also insists on numeric timestamps, reference §6.4), then the range above.
  if (typeof value !== "number") return reject("malformed", `${name} is not a number (found ${quote(value)})`);
  if (!Number.isInteger(value) || value < 0 || value > MAX_NUMERIC_DATE_SECONDS) {
    return reject("malformed", `${name} ${quote(value)} is not ${RANGE}`);
  }
  return value;
}

/** `exp` required; `exp`, `nbf` and a future `iat` judged with `graceSeconds` of skew. */
export function checkTimes(
  claims: JsonObject,
  nowEpochSeconds: number,
  graceSeconds = CLOCK_SKEW_GRACE_SECONDS,
): TokenRejection | undefined {
  const exp = numericDate(claims, "exp");
  if (exp === undefined) return reject("missing_exp", "the token has no exp claim");
  if (typeof exp !== "number") return exp;
  if (exp <= nowEpochSeconds - graceSeconds) {
    const detail = `exp ${exp} is ${nowEpochSeconds - exp} s before now ${nowEpochSeconds} (grace ${graceSeconds} s)`;
    return { reason: "expired", detail, nowEpochSeconds, expEpochSeconds: exp };
  }
  const nbf = numericDate(claims, "nbf");
  if (typeof nbf === "object") return nbf;
  if (nbf !== undefined && nbf > nowEpochSeconds + graceSeconds) {
    return reject(
      "not_yet_valid",
      `nbf ${nbf} is ${nbf - nowEpochSeconds} s after now ${nowEpochSeconds} (grace ${graceSeconds} s)`,
    );
  }
  const iat = numericDate(claims, "iat");
  if (typeof iat === "object") return iat;
  if (iat !== undefined && iat > nowEpochSeconds + graceSeconds) {
    return reject(
      "issued_in_future",
      `iat ${iat} is ${iat - nowEpochSeconds} s after now ${nowEpochSeconds} (grace ${graceSeconds} s)`,
    );
  }
  return undefined;
}

export type AudienceOutcome = { ok: true; matchedClientId: string } | { ok: false; rejection: TokenRejection };

/**
 * Reference §4.1 rule 4: if `azp` is present it must be one of the provider's client ids;
 * otherwise `aud` (string or array) must contain one. An ID token always has `aud` (OIDC Core §2),
 * and Cognito says "Missing a required claim: aud" when it is absent (e.g. an access token).
 */
export function checkAudience(claims: JsonObject, clientIds: readonly string[]): AudienceOutcome {
  const { aud, azp } = claims;
  if (aud === undefined) return { ok: false, rejection: reject("missing_aud", "the token has no aud claim") };
  const audiences = typeof aud === "string" ? [aud] : aud;
  if (!Array.isArray(audiences) || !audiences.every((a): a is string => typeof a === "string")) {
    return {
      ok: false,
      rejection: reject("malformed", `aud is neither a string nor an array of strings (found ${quote(aud)})`),
    };
  }
  // Written out only for a refusal: the accepted path runs on every login.
  const registered = () =>
    `registered client ids: ${clientIds.length === 0 ? "none" : clientIds.map((c) => quote(c)).join(", ")}`;
  if (azp !== undefined) {
    if (typeof azp === "string" && clientIds.includes(azp)) return { ok: true, matchedClientId: azp };
    return {
      ok: false,
      rejection: reject("azp_mismatch", `azp ${quote(azp)} is not a client id of the provider; ${registered()}`),
    };
  }
  const matched = audiences.find((a) => clientIds.includes(a));
  if (matched !== undefined) return { ok: true, matchedClientId: matched };
  return {
    ok: false,
    rejection: reject("audience_mismatch", `aud ${quote(aud)} contains no client id of the provider; ${registered()}`),
  };
}

/** OIDC Core §2: `sub` "MUST NOT exceed 255 ASCII characters in length"; idpool stores at most that. */
export const MAX_SUBJECT_LENGTH = 255;

/**
 * Why a subject cannot key an identity, or undefined when it can: a non-empty string (OIDC Core
 * §2) of at most 255 characters with no control character, since it is stored and logged as it is.
 * Subjects that providers' APIs give (Facebook, Login with Amazon) are held to the same rule.
 */
export function subjectProblem(sub: unknown): string | undefined {
  if (typeof sub !== "string" || sub.length === 0) {
    return sub === undefined ? "the token has no sub claim" : `sub is not a non-empty string (found ${quote(sub)})`;
  }
  if (sub.length > MAX_SUBJECT_LENGTH) return `sub has ${sub.length} characters, more than ${MAX_SUBJECT_LENGTH}`;
  if (hasControlCharacter(sub)) return `sub holds a control character (${quote(sub)})`;
  return undefined;
}

export function checkSubject(claims: JsonObject): TokenRejection | undefined {
  const problem = subjectProblem(claims.sub);
  return problem === undefined ? undefined : reject("missing_sub", problem);
}
