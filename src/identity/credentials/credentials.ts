import { serviceError } from "../../errors/index.js";
import { GUEST_SESSION_POLICY, GUEST_SESSION_POLICY_ARNS } from "../../iam/index.js";
import type { Logger } from "../../shared/index.js";
import { identityPoolArn, nowEpochSeconds } from "../../shared/index.js";
import type { IdentityPoolRecord } from "../../store/index.js";
import { cognitoSession, DEFAULT_SESSION_SECONDS, type TemporaryCredentials } from "../../sts/index.js";
import type { CredentialDeps } from "../deps.js";
import type { VerifiedLogin } from "../logins/verified-login.js";
import { amrFor, principalTagsFor } from "./principal-tags.js";
import { chooseRole, INVALID_POOL_CONFIGURATION } from "./role-choice.js";

/** Enhanced-flow credentials carry this session name (reference §6.1–6.2). */
export const COGNITO_SESSION_NAME = "CognitoIdentityCredentials";

/**
 * GetCredentialsForIdentity's second half: choose the role, then assume it as STS would with a
 * Cognito token. Any STS refusal is the pool's configuration error (reference §6.2); the real
 * reason goes to the log.
 */
export async function credentialsFor(
  deps: CredentialDeps,
  pool: IdentityPoolRecord,
  identityId: string,
  login: VerifiedLogin | undefined,
  customRoleArn: string | undefined,
  log: Logger,
  loginsKeys: readonly string[],
): Promise<TemporaryCredentials> {
  const roleArn = chooseRole(pool, login, customRoleArn);
  const tags = principalTagsFor(pool, login);
  const outcome = await deps.assumer.assume({
    roleArn,
    sessionName: COGNITO_SESSION_NAME,
    durationSeconds: DEFAULT_SESSION_SECONDS,
    ...cognitoSession(pool.poolId, identityId, amrFor(login)),
    ...(tags ? { tags } : {}),
    // Guests get Cognito's scope-down as session policies (reference §6.2): their permissions are
    // the intersection of the role's with these.
    ...(login === undefined ? { policy: GUEST_SESSION_POLICY, policyArns: GUEST_SESSION_POLICY_ARNS } : {}),
  });
  if (!outcome.ok) {
    log.info({ poolId: pool.poolId, roleArn, refusal: outcome.refusal, detail: outcome.detail }, "role not assumable");
    throw serviceError("InvalidIdentityPoolConfiguration", INVALID_POOL_CONFIGURATION);
  }
  deps.events.emit({
    type: "credentials_issued",
    poolId: pool.poolId,
    identityId,
    loginsKeys,
    roleArn: outcome.role.arn,
    expiresAtMs: outcome.credentials.expiration.getTime(),
  });
  return outcome.credentials;
}

/** idpool's own OpenID token for an identity (reference §5): 10 minutes unless told otherwise. */
export function openIdTokenFor(
  deps: CredentialDeps,
  pool: IdentityPoolRecord,
  identityId: string,
  login: VerifiedLogin | undefined,
  loginsKeys: readonly string[],
): Promise<string> {
  const tags = principalTagsFor(pool, login);
  return issueOpenIdToken(deps, pool, identityId, { amr: amrFor(login), tags, loginsKeys, ttlSeconds: 600 });
}

/**
 * Signs idpool's own token for an identity (reference §5) and reports it: the one place GetOpenIdToken
 * and GetOpenIdTokenForDeveloperIdentity issue tokens.
 */
export async function issueOpenIdToken(
  deps: CredentialDeps,
  pool: IdentityPoolRecord,
  identityId: string,
  what: {
    readonly amr: readonly string[];
    readonly tags: Readonly<Record<string, string>> | undefined;
    readonly loginsKeys: readonly string[];
    readonly ttlSeconds: number;
  },
): Promise<string> {
  const token = await deps.tokens.issue(
    {
      identityId,
      poolId: pool.poolId,
      poolArn: identityPoolArn(deps.region, deps.accountId, pool.poolId),
      amr: what.amr,
      ...(what.tags ? { principalTags: what.tags } : {}),
    },
    what.ttlSeconds,
  );
  deps.events.emit({
    type: "openid_token_issued",
    poolId: pool.poolId,
    identityId,
    loginsKeys: what.loginsKeys,
    expiresAtMs: (nowEpochSeconds(deps.clock) + what.ttlSeconds) * 1000,
  });
  return token;
}
