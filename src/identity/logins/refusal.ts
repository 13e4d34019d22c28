import type { ServiceError } from "../../errors/index.js";
import { type RejectionReason, ruleOf } from "../../oidc/index.js";
import { type Logger, tokenDigest } from "../../shared/index.js";
import type { IdentityPoolRecord } from "../../store/index.js";
import type { LoginDeps } from "../deps.js";

/** One logins map entry being verified, with what a refusal must name. */
export interface LoginAttempt {
  readonly deps: LoginDeps;
  readonly pool: IdentityPoolRecord;
  readonly loginsKey: string;
  readonly token: string;
  readonly log: Logger;
}

/** Why a login was refused: oidc/'s reason, or one of the kinds' own with the rule it breaks. */
export type LoginRefusal =
  | { readonly reason: RejectionReason; readonly detail: string }
  | { readonly reason: string; readonly rule: string; readonly detail: string };

/**
 * The one way a login is refused: the reason goes to the log for operators and to the event sink
 * (metrics, audit, the console's recent refusals), the token never (only its digest); the caller
 * gets Cognito's error.
 */
export function refuseLogin(at: LoginAttempt, refusal: LoginRefusal, error: ServiceError): never {
  const { reason, detail } = refusal;
  at.log.info({ provider: at.loginsKey, reason, detail }, "login token refused");
  at.deps.events.emit({
    type: "login_refused",
    poolId: at.pool.poolId,
    loginsKey: at.loginsKey,
    rule: "rule" in refusal ? refusal.rule : ruleOf(refusal.reason),
    reason,
    detail,
    tokenDigest: tokenDigest(at.token),
  });
  throw error;
}
