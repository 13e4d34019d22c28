import { serviceError } from "../../errors/index.js";
import type { TokenRejection } from "../../oidc/index.js";
import { assertNever, type Logger } from "../../shared/index.js";
import type { IdentityPoolRecord } from "../../store/index.js";
import { COGNITO_IDENTITY } from "../../sts/index.js";
import { OwnTokenRejected, type VerifiedOpenIdToken } from "../../tokens/index.js";
import type { LoginDeps } from "../deps.js";
import { notSupported } from "../errors.js";
import type { LoginKind } from "./login-kind.js";
import type { VerifiedLogin } from "./verified-login.js";

/** The Cognito text for each reason idpool refuses one of its own tokens (reference §4.2). */
function ownTokenMessage(rejection: TokenRejection): string {
  switch (rejection.reason) {
    case "expired":
      return `Invalid login token. Token expired: ${rejection.nowEpochSeconds} >= ${rejection.expEpochSeconds}`;
    // Anything idpool did not sign, or that does not verify, is "not a Cognito token".
    case "token_too_large":
    case "malformed":
    case "alg_not_allowed":
    case "crit_unsupported":
    case "issuer_mismatch":
    case "no_matching_key":
    case "bad_signature":
    case "missing_aud":
    case "audience_mismatch":
    case "azp_mismatch":
    case "missing_exp":
    case "missing_sub":
    case "not_yet_valid":
    case "issued_in_future":
    case "untrusted_tls":
    case "thumbprint_mismatch":
    case "hostname_mismatch":
    case "jwks_unreachable":
    case "discovery_invalid":
    case "jwks_invalid":
      return "Invalid login token. Not a Cognito token.";
    default:
      return assertNever(rejection, "rejection reason");
  }
}

async function verifyOwn(deps: LoginDeps, token: string, log: Logger): Promise<VerifiedOpenIdToken> {
  try {
    return await deps.tokens.verify(token);
  } catch (error) {
    if (!(error instanceof OwnTokenRejected)) throw error;
    const { reason, detail } = error.rejection;
    log.info({ provider: COGNITO_IDENTITY, reason, detail }, "login token refused");
    throw serviceError("NotAuthorized", ownTokenMessage(error.rejection));
  }
}

/**
 * A token idpool signed (GetOpenIdToken, GetOpenIdTokenForDeveloperIdentity) presented under
 * `cognito-identity.amazonaws.com`: the enhanced developer flow (reference §3.5). It proves the
 * identity it names; it cannot find one, so GetId refuses it (§3.2 step 4).
 */
async function verifyCognitoToken(
  deps: LoginDeps,
  pool: IdentityPoolRecord,
  _key: string,
  token: string,
  log: Logger,
): Promise<VerifiedLogin> {
  const own = await verifyOwn(deps, token, log);
  if (own.amr[0] !== "authenticated") {
    // A guest's token proves no login; taking it would let a guest reach the authenticated role.
    log.info(
      { provider: COGNITO_IDENTITY, reason: "unauthenticated", detail: "token of a guest identity" },
      "login token refused",
    );
    throw serviceError("NotAuthorized", "Invalid login token. An unauthenticated identity's token is not a login.");
  }
  if (own.poolId !== pool.poolId) {
    log.info(
      { provider: COGNITO_IDENTITY, reason: "audience_mismatch", detail: `token of pool ${own.poolId}` },
      "login token refused",
    );
    throw notSupported();
  }
  return {
    provider: COGNITO_IDENTITY,
    subject: own.identityId,
    claims: { sub: own.identityId, aud: own.poolId, amr: own.amr },
    clientId: own.poolId,
    amr: own.amr,
    mappingKeys: [COGNITO_IDENTITY],
    kind: "cognito",
    defaultTags: {},
    ...(own.principalTags ? { carriedTags: own.principalTags } : {}),
  };
}

/** Cognito's own tokens: every pool accepts them; they add nothing to its configuration. */
export const cognitoKind: LoginKind = {
  recognises: (_pool, key) => key === COGNITO_IDENTITY,
  verify: verifyCognitoToken,
  refusedWhenFinding: () => serviceError("NotAuthorized", "Invalid login token. Can't pass in a Cognito token."),
  configured: () => false,
  roleMappingKeys: () => [],
  principalTagNames: () => [],
  checkConfig: () => {},
};
