import { serviceError } from "../../errors/index.js";
import type { TokenRejection } from "../../oidc/index.js";
import { COGNITO_IDENTITY } from "../../sts/index.js";
import { OwnTokenRejected, type VerifiedOpenIdToken } from "../../tokens/index.js";
import { notSupported } from "../errors.js";
import type { LoginKind, VerifyLogin } from "./login-kind.js";
import { type LoginAttempt, refuseLogin } from "./refusal.js";
import { cognitoMessageForRejection } from "./rejection-messages.js";

/**
 * The Cognito text for a refused token of idpool's own (reference §4.2): an expired one says so in
 * Cognito's words; any other reason (not signed by idpool, not verifying, malformed) is one text.
 */
function ownTokenMessage(rejection: TokenRejection): string {
  return rejection.reason === "expired"
    ? cognitoMessageForRejection(rejection)
    : "Invalid login token. Not a Cognito token.";
}

async function verifyOwn(at: LoginAttempt): Promise<VerifiedOpenIdToken> {
  try {
    return await at.deps.tokens.verify(at.token);
  } catch (error) {
    if (!(error instanceof OwnTokenRejected)) throw error;
    return refuseLogin(at, error.rejection, serviceError("NotAuthorized", ownTokenMessage(error.rejection)));
  }
}

/**
 * A token idpool signed (GetOpenIdToken, GetOpenIdTokenForDeveloperIdentity) presented under
 * `cognito-identity.amazonaws.com`: the enhanced developer flow (reference §3.5). It proves the
 * identity it names; it cannot find one, so GetId refuses it (§3.2 step 4).
 */
const verifyCognitoToken: VerifyLogin = async (deps, pool, _key, token, log) => {
  const at = { deps, pool, loginsKey: COGNITO_IDENTITY, token, log };
  const own = await verifyOwn(at);
  if (own.amr[0] !== "authenticated") {
    // A guest's token proves no login; taking it would let a guest reach the authenticated role.
    refuseLogin(
      at,
      { reason: "unauthenticated", rule: "provider", detail: "token of a guest identity" },
      serviceError("NotAuthorized", "Invalid login token. An unauthenticated identity's token is not a login."),
    );
  }
  if (own.poolId !== pool.poolId) {
    refuseLogin(at, { reason: "audience_mismatch", detail: `token of pool ${own.poolId}` }, notSupported());
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
};

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
