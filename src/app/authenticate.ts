import { type CredentialLookup, verifySigV4 } from "../auth/index.js";
import { serviceError } from "../errors/index.js";
import type { Authenticate, Principal } from "../protocol/index.js";
import type { Clock } from "../shared/index.js";
import type { RootCredentials } from "./root-credentials.js";

/** Operations temporary credentials may call; everything else signed is for the root credentials. */
const SESSION_OPERATIONS = new Set(["sts:GetCallerIdentity"]);

/**
 * SigV4 for signed operations: root credentials from config or the store, and temporary
 * credentials opened from their sealed session token.
 */
export function createAuthenticator(
  root: RootCredentials,
  accountId: string,
  sessionLookup: CredentialLookup,
  clock: Clock,
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
    if (principal.kind !== "root" && !SESSION_OPERATIONS.has(`${op.service}:${op.name}`)) {
      const action = `${op.service === "cognito-identity" ? "cognito-identity" : op.service}:${op.name}`;
      throw serviceError("AccessDenied", `User: ${principal.arn} is not authorized to perform: ${action}`);
    }
    return principal;
  };
}
