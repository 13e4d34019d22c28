import { serviceError } from "../../errors/index.js";
import type { IdentityPoolRecord } from "../../store/index.js";
import type { FlowDeps } from "../flows/flow-deps.js";
import { identityForbidden, identityNotFound } from "../identity-errors.js";
import { isDeveloperToken } from "./cognito-login.js";
import type { VerifiedLogin } from "./verified-login.js";

/**
 * GetId and idpool's own tokens: a token from GetOpenIdTokenForDeveloperIdentity names its identity
 * (the enhanced developer flow, issue #5); any other Cognito token is refused as on AWS
 * (`Can't pass in a Cognito token.`, reference §3.2 step 4). Undefined when no Cognito token was given.
 */
export async function developerIdentityOf(
  deps: FlowDeps,
  pool: IdentityPoolRecord,
  verified: readonly VerifiedLogin[],
): Promise<string | undefined> {
  const cognito = verified.find((v) => v.kind === "cognito");
  if (!cognito) return undefined;
  if (!isDeveloperToken(cognito, pool)) {
    throw serviceError("NotAuthorized", "Invalid login token. Can't pass in a Cognito token.");
  }
  const identity = await deps.store.identities.get(cognito.subject);
  if (!identity || identity.poolId !== pool.poolId) {
    throw identityNotFound(cognito.subject);
  }
  if (identity.disabledAtMs !== undefined) {
    throw identityForbidden(cognito.subject);
  }
  return identity.identityId;
}
