import { serviceError } from "../../errors/index.js";
import type { Logger } from "../../shared/index.js";
import { nowEpochSeconds } from "../../shared/index.js";
import type { IdentityPoolRecord } from "../../store/index.js";
import { OwnTokenRejected } from "../../tokens/index.js";
import type { FlowDeps } from "../flows/flow-deps.js";
import type { VerifiedLogin } from "./verified-login.js";

/** The logins key of idpool's own tokens (reference §3.8). */
export const COGNITO_LOGINS_KEY = "cognito-identity.amazonaws.com";

/**
 * A token idpool signed (GetOpenIdToken, GetOpenIdTokenForDeveloperIdentity) presented under
 * `cognito-identity.amazonaws.com`: the enhanced developer flow (reference §3.5). Anything idpool
 * did not sign is `Not a Cognito token` (issue #5).
 */
export async function cognitoLogin(
  deps: FlowDeps,
  pool: IdentityPoolRecord,
  token: string,
  log: Logger,
): Promise<VerifiedLogin> {
  let own: Awaited<ReturnType<FlowDeps["tokens"]["verify"]>>;
  try {
    own = await deps.tokens.verify(token);
  } catch (error) {
    if (!(error instanceof OwnTokenRejected)) throw error;
    log.info({ provider: COGNITO_LOGINS_KEY, reason: error.problem, detail: error.detail }, "login token refused");
    if (error.problem === "expired" && error.expiresAtEpochSeconds !== undefined) {
      throw serviceError(
        "NotAuthorized",
        `Invalid login token. Token expired: ${nowEpochSeconds(deps.clock)} >= ${error.expiresAtEpochSeconds}`,
      );
    }
    throw serviceError("NotAuthorized", "Invalid login token. Not a Cognito token.");
  }
  if (own.amr[0] !== "authenticated") {
    // A guest's token proves no login; taking it would let a guest reach the authenticated role.
    log.info(
      { provider: COGNITO_LOGINS_KEY, reason: "unauthenticated", detail: "token of a guest identity" },
      "login token refused",
    );
    throw serviceError("NotAuthorized", "Invalid login token. An unauthenticated identity's token is not a login.");
  }
  if (own.poolId !== pool.poolId) {
    log.info(
      { provider: COGNITO_LOGINS_KEY, reason: "audience_mismatch", detail: `token of pool ${own.poolId}` },
      "login token refused",
    );
    throw serviceError("NotAuthorized", "Token is not from a supported provider of this identity pool.");
  }
  return {
    provider: COGNITO_LOGINS_KEY,
    subject: own.identityId,
    claims: { sub: own.identityId, aud: own.poolId, amr: own.amr },
    clientId: own.poolId,
    amr: own.amr,
    mappingKeys: [COGNITO_LOGINS_KEY],
    kind: "cognito",
    defaultTags: {},
    ...(own.principalTags ? { carriedTags: own.principalTags } : {}),
  };
}

/** Whether a Cognito token came from GetOpenIdTokenForDeveloperIdentity of this pool (amr[1]). */
export function isDeveloperToken(login: VerifiedLogin, pool: IdentityPoolRecord): boolean {
  return (
    login.kind === "cognito" && pool.developerProviderName !== undefined && login.amr[1] === pool.developerProviderName
  );
}
