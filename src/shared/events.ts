import type { Principal } from "./principal.js";
import { sha256Hex } from "./sha256.js";

/**
 * What the service reports as it works (DESIGN.md: "Domain modules report what happened through a
 * small interface they are handed"). Metrics, the audit trail and the console's recent refusals
 * plug in at the composition root; domain code imports none of them. No event carries a token, a
 * secret or a key: a token appears only as `tokenDigest`, the first 16 hex digits of its SHA-256.
 */
export type ServiceEvent =
  | {
      /** Every AWS call that reached an operation, answered or refused (protocol/dispatch). */
      readonly type: "request";
      readonly service: string;
      readonly operation: string;
      /** "ok", or the error's wire name (`NotAuthorizedException`, `Throttling`…). */
      readonly outcome: string;
      readonly durationMs: number;
      readonly requestId: string;
      readonly principal: Principal | undefined;
      /** A signed operation: its caller is an administrator, authenticated or not. */
      readonly signed: boolean;
      /**
       * The access key id the request claims (its SigV4 credential), when authentication refused it:
       * unverified, for the audit trail of failed attempts. Undefined once a principal is known.
       */
      readonly claimedAccessKeyId: string | undefined;
      readonly sourceAddress: string | undefined;
      /** The resource the input names (a pool, identity, role, provider or ARN), if any. */
      readonly resource: string | undefined;
    }
  | {
      readonly type: "login_refused";
      readonly poolId: string;
      readonly loginsKey: string;
      /** The rule that failed, as `idpool doctor` names it (issuer, signature, audience, …). */
      readonly rule: string;
      /** oidc/'s rejection reason, or the kind's own (`not_supported`, `unauthenticated`…). */
      readonly reason: string;
      readonly detail: string;
      readonly tokenDigest: string | undefined;
    }
  | { readonly type: "identity_created"; readonly poolId: string; readonly identityId: string }
  | {
      readonly type: "credentials_issued";
      readonly poolId: string | undefined;
      readonly identityId: string | undefined;
      readonly loginsKeys: readonly string[];
      readonly roleArn: string;
      readonly expiresAtMs: number;
    }
  | {
      /** A fetch of a provider's discovery document and keys (oidc/'s key cache). */
      readonly type: "jwks_fetch";
      /** The provider URL as registered. */
      readonly provider: string;
      /** "ok", or the rejection reason the failure maps to (`jwks_unreachable`, `untrusted_tls`…). */
      readonly result: string;
    }
  | {
      /**
       * A provider's keys changed the way a compromise would look: no key of the new set was in
       * the previous one, or the TLS certificate chain of its keys' host changed issuer.
       */
      readonly type: "key_discontinuity";
      readonly provider: string;
      readonly kind: "key_set_replaced" | "tls_issuer_changed";
      readonly previousKids: readonly string[];
      readonly newKids: readonly string[];
      /** `refused`: idpool keeps the last good keys until an administrator accepts the new set. */
      readonly action: "warned" | "refused";
    }
  | {
      readonly type: "openid_token_issued";
      readonly poolId: string;
      readonly identityId: string;
      readonly loginsKeys: readonly string[];
      readonly expiresAtMs: number;
    };

/**
 * One refused login as a process remembers it for the console (IdpoolService.ListRecentRefusals):
 * never the token, nor its digest. telemetry/ keeps them, identity/ answers with them.
 */
export interface RecentRefusal {
  readonly timeMs: number;
  readonly poolId: string;
  readonly loginsKey: string;
  /** The rule that failed, as `idpool doctor` names it. */
  readonly rule: string;
  /** oidc/'s rejection reason, or the login kind's own (`not_supported`…). */
  readonly reason: string;
  /** `<hostname>:<pid>` of the process that refused it. */
  readonly process: string;
}

export interface EventSink {
  emit(event: ServiceEvent): void;
}

/** For code that runs without a composition root (CLI helpers, unit tests). */
export const NO_EVENTS: EventSink = { emit() {} };

/** Several sinks as one; a sink that throws is reported to `onError` and the others still get it. */
export function fanOut(sinks: readonly EventSink[], onError: (error: unknown) => void): EventSink {
  return {
    emit(event) {
      for (const sink of sinks) {
        try {
          sink.emit(event);
        } catch (error) {
          onError(error);
        }
      }
    },
  };
}

/** How a token appears in events and the audit trail: the first 16 hex digits of its SHA-256. */
export function tokenDigest(token: string): string {
  return sha256Hex(token).slice(0, 16);
}
