import type { CredentialLookup } from "../../auth/index.js";
import { serviceError } from "../../errors/index.js";
import { assumedRoleArn, type Clock } from "../../shared/index.js";
import type { Keyring } from "./keyring.js";
import { openSessionToken, type SessionClaims } from "./session-token.js";

/** Opened session tokens kept in memory: a client signs many requests with one set of credentials. */
const MAX_OPENED_TOKENS = 10_000;

/**
 * Resolves `ASIA…` keys by opening their session token: no database read, so any process checks
 * credentials minted by any other (DESIGN.md, "Credentials"). Opening (AES-GCM and JSON) is done
 * once per token; the expiry is checked on every request.
 */
export function sessionCredentialLookup(keyring: Keyring, clock: Clock): CredentialLookup {
  const opened = new Map<string, SessionClaims>();
  return async (accessKeyId, sessionToken) => {
    if (!accessKeyId.startsWith("ASIA") || sessionToken === undefined) return undefined;
    let claims = opened.get(sessionToken);
    if (!claims || claims.accessKeyId !== accessKeyId) {
      claims = await openSessionToken(sessionToken, accessKeyId, keyring);
      if (!claims) return undefined;
      // Map order is insertion order: dropping the first entry drops the oldest.
      if (opened.size >= MAX_OPENED_TOKENS) opened.delete(opened.keys().next().value ?? "");
      opened.set(sessionToken, claims);
    }
    if (clock.nowMs() >= claims.expiresAtMs) {
      opened.delete(sessionToken);
      throw serviceError("ExpiredToken", "The security token included in the request is expired");
    }
    const roleName = claims.roleArn.slice(claims.roleArn.lastIndexOf("/") + 1);
    return {
      secretAccessKey: claims.secretAccessKey,
      principal: {
        accessKeyId,
        kind: "session",
        arn: assumedRoleArn(claims.accountId, roleName, claims.sessionName),
        userId: `${claims.roleId}:${claims.sessionName}`,
        accountId: claims.accountId,
      },
    };
  };
}
