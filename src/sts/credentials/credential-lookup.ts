import type { CredentialLookup } from "../../auth/index.js";
import { type ServiceError, serviceError } from "../../errors/index.js";
import { assumedRoleArn, type Clock, OldestFirst, type Principal } from "../../shared/index.js";
import { cognitoIdentityOf } from "../sessions/cognito-session.js";
import { type Keyring, MAX_SESSION_MS } from "./keyring.js";
import { openSessionToken, type SessionClaims } from "./session-token.js";

/** Opened session tokens kept in memory: a client signs many requests with one set of credentials. */
const MAX_OPENED_TOKENS = 10_000;

/** What STS answers for temporary credentials past their expiry (and, in idpool, revoked ones). */
export const expiredCredentials = (): ServiceError =>
  serviceError("ExpiredToken", "The security token included in the request is expired");

/**
 * Resolves `ASIA…` keys by opening their session token: no database read, so any process checks
 * credentials minted by any other (DESIGN.md, "Credentials"). Opening (AES-GCM and JSON) is done
 * once per token; the expiry is checked on every request.
 */
export function sessionCredentialLookup(keyring: Keyring, clock: Clock): CredentialLookup {
  // One principal per token, made once: the gateway keys per-session caches on its identity.
  const opened = new Map<string, { readonly claims: SessionClaims; readonly principal: Principal }>();
  const oldest = new OldestFirst(opened);
  return async (accessKeyId, sessionToken) => {
    if (!accessKeyId.startsWith("ASIA") || sessionToken === undefined) return undefined;
    let entry = opened.get(sessionToken);
    if (!entry || entry.claims.accessKeyId !== accessKeyId) {
      const claims = await openSessionToken(sessionToken, accessKeyId, keyring);
      if (!claims) return undefined;
      oldest.makeRoom(MAX_OPENED_TOKENS);
      entry = { claims, principal: principalOf(claims) };
      opened.set(sessionToken, entry);
    }
    if (clock.nowMs() >= entry.claims.expiresAtMs) {
      opened.delete(sessionToken);
      throw expiredCredentials();
    }
    return { secretAccessKey: entry.claims.secretAccessKey, principal: entry.principal };
  };
}

/** The caller a session token names, with what its policies and revocation need (PrincipalSession). */
function principalOf(claims: SessionClaims): Principal {
  const roleName = claims.roleArn.slice(claims.roleArn.lastIndexOf("/") + 1);
  const cognito = cognitoIdentityOf(claims.context);
  return {
    accessKeyId: claims.accessKeyId,
    kind: "session",
    arn: assumedRoleArn(claims.accountId, roleName, claims.sessionName),
    userId: `${claims.roleId}:${claims.sessionName}`,
    accountId: claims.accountId,
    session: {
      roleArn: claims.roleArn,
      // Sealed before issue times were kept: the earliest it could have been issued.
      issuedAtMs: claims.issuedAtMs ?? claims.expiresAtMs - MAX_SESSION_MS,
      expiresAtMs: claims.expiresAtMs,
      tags: claims.tags ?? {},
      ...(claims.policy ? { policy: claims.policy } : {}),
      ...(claims.policyArns ? { policyArns: claims.policyArns } : {}),
      context: claims.context ?? {},
      ...(cognito ? { identityId: cognito.identityId, poolId: cognito.poolId } : {}),
    },
  };
}
