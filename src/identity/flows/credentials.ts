import { serviceError } from "../../errors/index.js";
import type { Logger } from "../../shared/index.js";
import { identityPoolArn } from "../../shared/index.js";
import type { IdentityPoolRecord } from "../../store/index.js";
import type { TemporaryCredentials } from "../../sts/index.js";
import type { VerifiedLogin } from "../logins/verified-login.js";
import type { FlowDeps } from "./flow-deps.js";
import { amrFor, principalTagsFor } from "./principal-tags.js";
import { chooseRole, INVALID_POOL_CONFIGURATION } from "./role-choice.js";

/** Enhanced-flow credentials last one hour and carry this session name (reference §6.1–6.2). */
export const CREDENTIALS_DURATION_SECONDS = 3600;
export const COGNITO_SESSION_NAME = "CognitoIdentityCredentials";
export const COGNITO_PRINCIPAL = "cognito-identity.amazonaws.com";

/** The condition keys a Cognito session presents to a trust policy (reference §6.3). */
export function cognitoContext(poolId: string, identityId: string, amr: readonly string[]): Record<string, string[]> {
  return {
    "cognito-identity.amazonaws.com:aud": [poolId],
    "cognito-identity.amazonaws.com:sub": [identityId],
    "cognito-identity.amazonaws.com:amr": [...amr],
  };
}

/**
 * GetCredentialsForIdentity's second half: choose the role, then assume it as STS would with a
 * Cognito token. Any STS refusal is the pool's configuration error (reference §6.2); the real
 * reason goes to the log.
 */
export async function credentialsFor(
  deps: FlowDeps,
  pool: IdentityPoolRecord,
  identityId: string,
  login: VerifiedLogin | undefined,
  customRoleArn: string | undefined,
  log: Logger,
): Promise<TemporaryCredentials> {
  const roleArn = chooseRole(pool, login, customRoleArn);
  const tags = principalTagsFor(pool, login);
  const outcome = await deps.assumer.assume({
    roleArn,
    sessionName: COGNITO_SESSION_NAME,
    durationSeconds: CREDENTIALS_DURATION_SECONDS,
    principal: { type: "Federated", id: COGNITO_PRINCIPAL },
    context: cognitoContext(pool.poolId, identityId, amrFor(login)),
    ...(tags ? { tags } : {}),
  });
  if (!outcome.ok) {
    log.info({ poolId: pool.poolId, roleArn, refusal: outcome.refusal, detail: outcome.detail }, "role not assumable");
    throw serviceError("InvalidIdentityPoolConfiguration", INVALID_POOL_CONFIGURATION);
  }
  return outcome.credentials;
}

/** idpool's own OpenID token for an identity (reference §5): 10 minutes unless told otherwise. */
export function openIdTokenFor(
  deps: FlowDeps,
  pool: IdentityPoolRecord,
  identityId: string,
  login: VerifiedLogin | undefined,
  ttlSeconds = 600,
): Promise<string> {
  const tags = principalTagsFor(pool, login);
  return deps.tokens.issue(
    {
      identityId,
      poolId: pool.poolId,
      poolArn: identityPoolArn(deps.region, deps.accountId, pool.poolId),
      amr: amrFor(login),
      ...(tags ? { principalTags: tags } : {}),
    },
    ttlSeconds,
  );
}
