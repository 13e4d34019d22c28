import { type CredentialLookup, verifySigV4 } from "../auth/index.js";
import type { RootCredentialsSetting } from "../config/index.js";
import { serviceError } from "../errors/index.js";
import type { Authenticate } from "../protocol/index.js";
import type { Clock, IdSource, Logger, Principal } from "../shared/index.js";
import type { Store } from "../store/index.js";
import { expiredCredentials, Keyring, RevocationList, sessionCredentialLookup } from "../sts/index.js";

/**
 * The secrets SigV4 checks signatures with: the root credentials (from config or the store; none
 * yet when undefined) and temporary credentials opened from their sealed session token. `serve`'s
 * authenticator and the gateway use the same.
 */
function credentialLookup(
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

/** What checks credentials in serve and in the gateway alike: the sealing keyring, the revocations, the lookup. */
export interface SessionChecks {
  readonly keyring: Keyring;
  readonly revocations: RevocationList;
  readonly lookup: CredentialLookup;
  stop(): void;
}

/** Loads the keyring (making a sealing key when due) and the revocations, and builds the lookup. */
export async function startSessionChecks(
  store: Store,
  root: RootCredentialsSetting | undefined,
  accountId: string,
  deps: { readonly clock: Clock; readonly ids: IdSource; readonly log: Pick<Logger, "warn"> },
): Promise<SessionChecks> {
  const keyring = new Keyring(store, deps.clock, deps.ids);
  await keyring.start();
  const revocations = new RevocationList(store, deps.clock, deps.log);
  await revocations.start();
  const lookup = credentialLookup(root, accountId, sessionCredentialLookup(keyring, deps.clock));
  return { keyring, revocations, lookup, stop: () => revocations.stop() };
}
