/**
 * What the audit trail records of the service's events (README: Audit trail). Every record has a
 * fixed set of members (`null` when a value is absent) and never a token, a secret or a key
 * (DESIGN.md "Errors"): a token appears only as its digest, and free text is left out.
 */
import { isoTime, type ServiceEvent } from "../../shared/index.js";

export type AuditEvent =
  | {
      /**
       * A signed call (root or temporary credentials): every one is an administrator's act, refused
       * ones included. `authenticated` false: SigV4 refused it, and `accessKeyId` is only claimed.
       */
      readonly type: "admin_call";
      readonly accessKeyId: string | null;
      readonly principalArn: string | null;
      readonly authenticated: boolean;
      /** `<service>:<Operation>`, e.g. `cognito-identity:CreateIdentityPool`. */
      readonly operation: string;
      readonly resource: string | null;
      readonly outcome: string;
      readonly requestId: string;
      readonly sourceAddress: string | null;
    }
  | {
      readonly type: "credentials_issued";
      readonly poolId: string | null;
      readonly identityId: string | null;
      readonly loginsKeys: readonly string[];
      readonly roleArn: string;
      readonly expiresAt: string;
    }
  | {
      readonly type: "openid_token_issued";
      readonly poolId: string;
      readonly identityId: string;
      readonly loginsKeys: readonly string[];
      readonly expiresAt: string;
    }
  | {
      readonly type: "login_refused";
      readonly poolId: string;
      readonly loginsKey: string;
      readonly rule: string;
      readonly reason: string;
      /** The first 16 hex digits of the token's SHA-256. */
      readonly tokenDigest: string | null;
    }
  | {
      readonly type: "key_discontinuity";
      readonly provider: string;
      readonly kind: string;
      readonly previousKids: readonly string[];
      readonly newKids: readonly string[];
      readonly action: string;
    }
  | {
      /** Written by the trail itself once it can write again: how many events it could not record. */
      readonly type: "events_lost";
      readonly count: number;
    };

/**
 * The record of an event, or undefined for what the trail does not keep: unsigned calls (their
 * issuing and refusals have records of their own), new identities and key fetches. A refused
 * login's `detail` is left out: it is free text quoting claim values from an untrusted token (up
 * to 120 characters each), which belongs in the service log, not in a record kept for years.
 */
export function auditRecordOf(event: ServiceEvent): AuditEvent | undefined {
  switch (event.type) {
    case "request":
      if (!event.signed) return undefined;
      return {
        type: "admin_call",
        accessKeyId: event.principal?.accessKeyId ?? event.claimedAccessKeyId ?? null,
        principalArn: event.principal?.arn ?? null,
        authenticated: event.principal !== undefined,
        operation: `${event.service}:${event.operation}`,
        resource: event.resource ?? null,
        outcome: event.outcome,
        requestId: event.requestId,
        sourceAddress: event.sourceAddress ?? null,
      };
    case "credentials_issued":
      return {
        type: "credentials_issued",
        poolId: event.poolId ?? null,
        identityId: event.identityId ?? null,
        loginsKeys: event.loginsKeys,
        roleArn: event.roleArn,
        expiresAt: isoTime(event.expiresAtMs),
      };
    case "openid_token_issued":
      return {
        type: "openid_token_issued",
        poolId: event.poolId,
        identityId: event.identityId,
        loginsKeys: event.loginsKeys,
        expiresAt: isoTime(event.expiresAtMs),
      };
    case "login_refused":
      return {
        type: "login_refused",
        poolId: event.poolId,
        loginsKey: event.loginsKey,
        rule: event.rule,
        reason: event.reason,
        tokenDigest: event.tokenDigest ?? null,
      };
    case "key_discontinuity":
      return {
        type: "key_discontinuity",
        provider: event.provider,
        kind: event.kind,
        previousKids: event.previousKids,
        newKids: event.newKids,
        action: event.action,
      };
    default:
      // identity_created, jwks_fetch, and any event added later until it is given a record here.
      return undefined;
  }
}
