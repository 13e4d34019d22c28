import { type CredentialLookup, verifySigV4 } from "../auth/index.js";
import type { RootCredentialsSetting } from "../config/index.js";
import { serviceError } from "../errors/index.js";
import type { Authenticate } from "../protocol/index.js";
import type { Clock, Principal } from "../shared/index.js";
import { expiredCredentials, type RevocationList } from "../sts/index.js";

/**
 * The secrets SigV4 checks signatures with: the root credentials (from config or the store; none
 * yet when undefined) and temporary credentials opened from their sealed session token. `serve`'s
 * authenticator and the gateway use the same.
 */
export function credentialLookup(
  root: RootCredentialsSetting | undefined,
  accountId: string,
  sessionLookup: CredentialLookup,
): CredentialLookup {
  const rootPrincipal: Principal | undefined = root && {
    accessKeyId: root.accessKeyId,
    kind: "root",
    arn: `arn:aws:iam::${accountId}:root`,
    userId: accountId,
    accountId,
  };
  return async (accessKeyId, sessionToken) => {
    if (root && rootPrincipal && accessKeyId === root.accessKeyId && sessionToken === undefined) {
      return { secretAccessKey: root.secretAccessKey, principal: rootPrincipal };
    }
    return sessionLookup(accessKeyId, sessionToken);
  };
}

/** SigV4 for signed operations, then the operation's own rule on who may call it. */
export function createAuthenticator(lookup: CredentialLookup, clock: Clock, revocations: RevocationList): Authenticate {
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
