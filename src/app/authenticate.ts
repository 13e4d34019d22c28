import { type CredentialLookup, verifySigV4 } from "../auth/index.js";
import { serviceError } from "../errors/index.js";
import type { Authenticate } from "../protocol/index.js";
import type { Clock, Principal } from "../shared/index.js";
import { expiredCredentials, type RevocationList } from "../sts/index.js";
import type { RootCredentials } from "./root-credentials.js";

/**
 * SigV4 for signed operations: root credentials from config or the store, and temporary
 * credentials opened from their sealed session token.
 */
export function createAuthenticator(
  root: RootCredentials,
  accountId: string,
  sessionLookup: CredentialLookup,
  clock: Clock,
  revocations: RevocationList,
): Authenticate {
  const rootPrincipal: Principal = {
    accessKeyId: root.accessKeyId,
    kind: "root",
    arn: `arn:aws:iam::${accountId}:root`,
    userId: accountId,
    accountId,
  };
  const lookup: CredentialLookup = async (accessKeyId, sessionToken) => {
    if (accessKeyId === root.accessKeyId && sessionToken === undefined) {
      return { secretAccessKey: root.secretAccessKey, principal: rootPrincipal };
    }
    return sessionLookup(accessKeyId, sessionToken);
  };
  return async (req, op) => {
    const principal = await verifySigV4(
      { method: req.method, rawPath: req.rawPath, headers: req.headers, body: req.body },
      { service: op.service, clock, lookup },
    );
    // Revoked (README: Revocation): refused as expired, the client's remedy being the same.
    if (principal.session && revocations.revokedBefore(principal.session) !== undefined) {
      throw expiredCredentials();
    }
    // Each operation says who may call it (OperationAuth): temporary credentials only where `signed`.
    if (op.auth === "root" && principal.kind !== "root") {
      throw serviceError(
        "AccessDenied",
        `User: ${principal.arn} is not authorized to perform: ${op.service}:${op.name}`,
      );
    }
    return principal;
  };
}
