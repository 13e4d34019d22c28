import type { Operation } from "../protocol/index.js";
import type { StsDeps } from "./deps.js";
import { assumeRoleWithWebIdentity } from "./operations/assume-role-with-web-identity.js";
import { getCallerIdentity } from "./operations/get-caller-identity.js";
import type { RoleAssumer } from "./sessions/role-assumer.js";

export { expiredCredentials, sessionCredentialLookup } from "./credentials/credential-lookup.js";
export { Keyring } from "./credentials/keyring.js";
export { type MintRequest, mintCredentials, type TemporaryCredentials } from "./credentials/mint.js";
export { openSessionToken, type SessionClaims, sealSessionToken } from "./credentials/session-token.js";
export type { StsDeps } from "./deps.js";
export {
  COGNITO_IDENTITY,
  type CognitoSession,
  cognitoSession,
  DEFAULT_SESSION_SECONDS,
} from "./sessions/cognito-session.js";
export { REVOCATION_REFRESH_MS, RevocationList, type RevocationSubject } from "./sessions/revocations.js";
export { type AssumeOutcome, type AssumeRefusal, type AssumeRoleInput, RoleAssumer } from "./sessions/role-assumer.js";
export { verifyWebIdentity, type WebIdentity } from "./sessions/web-identity.js";

/** The STS operations idpool serves (reference §1.3): the web identity exchange and the caller check. */
export function stsOperations(deps: StsDeps & { readonly assumer: RoleAssumer }): Operation[] {
  return [assumeRoleWithWebIdentity(deps), getCallerIdentity()];
}
