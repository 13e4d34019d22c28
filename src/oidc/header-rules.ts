/**
 * Header rules, checked before any key is looked up (jose's order: header, key, signature, claims).
 */
import type { JsonObject } from "./decode.js";
import { quote, reject, type TokenRejection } from "./rejection.js";

/** Cognito documents RSA keys only (reference §4.1); RS256/384/512 are the default allow-list. */
export const DEFAULT_ALGORITHMS: readonly string[] = ["RS256", "RS384", "RS512"];

/** What a server option may add: STS accepts ES* (reference §6.4); PS* is the same RSA key type. */
export const SUPPORTED_ALGORITHMS: readonly string[] = [
  ...DEFAULT_ALGORITHMS,
  ...["PS256", "PS384", "PS512", "ES256", "ES384", "ES512"],
];

/**
 * Checks a configured allow-list once, at start-up. `none` and HS* are never accepted: an HMAC
 * "verified" with a provider's public key is the classic algorithm-confusion attack.
 */
export function allowedAlgorithms(configured: readonly string[] | undefined): ReadonlySet<string> {
  const list = configured ?? DEFAULT_ALGORITHMS;
  if (list.length === 0) throw new Error("oidc: the algorithm allow-list is empty");
  for (const alg of list) {
    if (!SUPPORTED_ALGORITHMS.includes(alg)) {
      throw new Error(`oidc: algorithm ${alg} cannot be allowed (supported: ${SUPPORTED_ALGORITHMS.join(", ")})`);
    }
  }
  return new Set(list);
}

export interface CheckedHeader {
  alg: string;
  kid?: string;
}

export type HeaderOutcome = { ok: true; header: CheckedHeader } | { ok: false; rejection: TokenRejection };

/**
 * `alg` on the allow-list, no `crit` (RFC 7515 §4.1.11: a recipient must reject extensions it does
 * not understand, and idpool understands none), `kid` a string when present.
 * `jwk`, `jku`, `x5u`, `x5c` and `x5t` are deliberately ignored, never rejected and never used:
 * keys come only from the registered provider's JWKS, so a token cannot name its own key.
 */
export function checkHeader(header: JsonObject, allowed: ReadonlySet<string>): HeaderOutcome {
  const { alg, kid, crit } = header;
  if (typeof alg !== "string" || alg.length === 0) {
    return { ok: false, rejection: reject("malformed", "the header has no alg") };
  }
  if (!allowed.has(alg)) {
    const detail = `alg ${quote(alg)} is not allowed (allowed: ${[...allowed].join(", ")})`;
    return { ok: false, rejection: reject("alg_not_allowed", detail) };
  }
  if (crit !== undefined) {
    return {
      ok: false,
      rejection: reject("crit_unsupported", `crit ${quote(crit)} names extensions idpool does not implement`),
    };
  }
  if (kid !== undefined && typeof kid !== "string") {
    return { ok: false, rejection: reject("malformed", `kid is not a string (found ${quote(kid)})`) };
  }
  return { ok: true, header: kid === undefined ? { alg } : { alg, kid } };
}
