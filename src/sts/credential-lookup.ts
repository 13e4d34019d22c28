import type { CredentialLookup } from "../auth/index.js";
import { serviceError } from "../errors/index.js";
import { assumedRoleArn, type Clock } from "../shared/index.js";
import type { Keyring } from "./keyring.js";
import { openSessionToken } from "./session-token.js";

/**
 * Resolves `ASIA…` keys by opening their session token: no database read, so any process checks
 * credentials minted by any other (DESIGN.md, "Credentials").
 */
export function sessionCredentialLookup(keyring: Keyring, clock: Clock): CredentialLookup {
  return async (accessKeyId, sessionToken) => {
    if (!accessKeyId.startsWith("ASIA") || sessionToken === undefined) return undefined;
    const claims = await openSessionToken(sessionToken, accessKeyId, keyring);
    if (!claims) return undefined;
    if (clock.nowMs() >= claims.expiresAtMs) {
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
