import { decodeJwt } from "jose";
import { serviceError } from "../../errors/index.js";
import { findOidcProviderByLoginsKey, loginsKeyOf, type TrustRequest } from "../../iam/index.js";
import type { Logger } from "../../shared/index.js";
import { OwnTokenRejected, principalTagsOf, TAGS_CLAIM } from "../../tokens/index.js";
import type { StsDeps } from "../deps.js";
import { COGNITO_IDENTITY, cognitoSession } from "./cognito-session.js";
import type { RevocationList } from "./revocations.js";
import { NOT_A_JWT, stsErrorFor } from "./sts-errors.js";

/** What a web identity token establishes for STS (reference §1.3, §6.3). */
export interface WebIdentity {
  readonly principal: TrustRequest["principal"];
  readonly context: Record<string, string[]>;
  /** `Provider` in the response: the Cognito principal, or the IAM OIDC provider ARN. */
  readonly provider: string;
  readonly audience: string;
  readonly subject: string;
  readonly tags: Readonly<Record<string, string>> | undefined;
}

/**
 * idpool's own tokens issued before a revocation of their identity or pool (README: Revocation)
 * are refused as expired: the client's remedy is the same, a new token.
 */
function refuseRevoked(
  revocations: RevocationList,
  own: { readonly identityId: string; readonly poolId: string; readonly issuedAtEpochSeconds: number },
  log: Logger,
): void {
  const before = revocations.revokedBefore({ ...own, issuedAtMs: own.issuedAtEpochSeconds * 1000 });
  if (before === undefined) return;
  const when = new Date(before).toISOString();
  log.info({ provider: COGNITO_IDENTITY, reason: "revoked", revokedBefore: when }, "web identity token refused");
  throw serviceError(
    "StsExpiredToken",
    `Token revoked: tokens of this identity issued before ${when} are no longer accepted`,
  );
}

/**
 * Verifies the WebIdentityToken of AssumeRoleWithWebIdentity: idpool's own tokens (trusted as
 * `Federated: cognito-identity.amazonaws.com`, as on AWS) or ID tokens of a registered IAM OIDC
 * provider (trusted as the provider's ARN). The issuer only selects among registered providers;
 * no URL from the token is ever fetched.
 */
export async function verifyWebIdentity(
  deps: Pick<StsDeps, "store" | "accountId" | "verifier" | "tokens" | "revocations">,
  token: string,
  log: Logger,
): Promise<WebIdentity> {
  let iss: unknown;
  try {
    iss = decodeJwt(token).iss;
  } catch {
    throw serviceError("InvalidIdentityToken", NOT_A_JWT);
  }
  if (typeof iss !== "string") throw serviceError("InvalidIdentityToken", NOT_A_JWT);
  if (iss === deps.tokens.issuerUrl) {
    try {
      const own = await deps.tokens.verify(token);
      refuseRevoked(deps.revocations, own, log);
      return {
        ...cognitoSession(own.poolId, own.identityId, own.amr),
        provider: COGNITO_IDENTITY,
        audience: own.poolId,
        subject: own.identityId,
        tags: own.principalTags,
      };
    } catch (error) {
      if (!(error instanceof OwnTokenRejected)) throw error;
      const { reason, detail } = error.rejection;
      log.info({ provider: COGNITO_IDENTITY, reason, detail }, "web identity token refused");
      throw stsErrorFor(error.rejection);
    }
  }
  const key = loginsKeyOf(iss);
  const provider = /^https:\/\//.test(iss)
    ? await findOidcProviderByLoginsKey(deps.store, deps.accountId, key)
    : undefined;
  if (!provider)
    throw serviceError("InvalidIdentityToken", `No OpenIDConnect provider found in your account for ${iss}`);
  const outcome = await deps.verifier.verify(token, provider, key);
  if (!outcome.ok) {
    log.info(
      { provider: key, reason: outcome.rejection.reason, detail: outcome.rejection.detail },
      "web identity token refused",
    );
    throw stsErrorFor(outcome.rejection);
  }
  const claims = outcome.claims;
  const context: Record<string, string[]> = {
    [`${key}:aud`]: [outcome.matchedClientId],
    [`${key}:sub`]: [claims.sub],
  };
  if (typeof claims.azp === "string") context[`${key}:azp`] = [claims.azp];
  if (Array.isArray(claims.amr)) context[`${key}:amr`] = claims.amr.map(String);
  return {
    principal: { type: "Federated", id: provider.arn },
    context,
    provider: provider.arn,
    audience: outcome.matchedClientId,
    subject: claims.sub,
    tags: principalTagsOf(claims[TAGS_CLAIM]),
  };
}
