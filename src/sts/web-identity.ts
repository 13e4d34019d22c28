import { decodeJwt } from "jose";
import { type ServiceError, serviceError } from "../errors/index.js";
import { findOidcProviderByLoginsKey, loginsKeyOf } from "../iam/index.js";
import { KEY_FETCH_REASONS, type OidcVerifier, type TokenRejection } from "../oidc/index.js";
import type { Logger } from "../shared/index.js";
import { type Clock, nowEpochSeconds } from "../shared/index.js";
import type { Store } from "../store/index.js";
import { type OpenIdTokenIssuer, OwnTokenRejected, TAGS_CLAIM } from "../tokens/index.js";

/** What a web identity token establishes for STS (reference §1.3, §6.3). */
export interface WebIdentity {
  readonly principal: { readonly type: "Federated"; readonly id: string };
  readonly context: Record<string, string[]>;
  /** `Provider` in the response: the Cognito principal, or the IAM OIDC provider ARN. */
  readonly provider: string;
  readonly audience: string;
  readonly subject: string;
  readonly tags: Readonly<Record<string, string>> | undefined;
}

const COGNITO = "cognito-identity.amazonaws.com";
const NOT_A_JWT = "The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)";

function isoSeconds(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** oidc/ reasons → STS errors and the messages reference §6.4 records. */
function stsError(rejection: TokenRejection): ServiceError {
  if (rejection.reason === "expired") {
    return serviceError(
      "StsExpiredToken",
      `Token expired: current date/time ${isoSeconds(rejection.nowEpochSeconds)} must be before the expiration date/time ${isoSeconds(rejection.expEpochSeconds)}`,
    );
  }
  if (
    rejection.reason === "audience_mismatch" ||
    rejection.reason === "azp_mismatch" ||
    rejection.reason === "missing_aud"
  ) {
    return serviceError("InvalidIdentityToken", "Incorrect token audience");
  }
  if (rejection.reason === "thumbprint_mismatch") {
    return serviceError(
      "InvalidIdentityToken",
      "OpenIDConnect provider's HTTPS certificate doesn't match configured thumbprint",
    );
  }
  if (KEY_FETCH_REASONS.has(rejection.reason)) {
    return serviceError(
      "IDPCommunicationError",
      "Couldn't retrieve verification key from your identity provider, please reference AssumeRoleWithWebIdentity documentation for requirements",
    );
  }
  if (rejection.reason === "bad_signature" || rejection.reason === "no_matching_key") {
    return serviceError("InvalidIdentityToken", "Couldn't verify signed token.");
  }
  return serviceError("InvalidIdentityToken", NOT_A_JWT);
}

function readTags(claim: unknown): Record<string, string> | undefined {
  const principalTags = (claim as { principal_tags?: unknown } | undefined)?.principal_tags;
  if (principalTags === null || typeof principalTags !== "object") return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(principalTags)) {
    const first: unknown = Array.isArray(v) ? v[0] : v;
    if (typeof first === "string") out[k] = first;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

export interface WebIdentityDeps {
  readonly store: Store;
  readonly accountId: string;
  readonly verifier: OidcVerifier;
  readonly tokens: OpenIdTokenIssuer;
  readonly clock: Clock;
}

/**
 * Verifies the WebIdentityToken of AssumeRoleWithWebIdentity: idpool's own tokens (trusted as
 * `Federated: cognito-identity.amazonaws.com`, as on AWS) or ID tokens of a registered IAM OIDC
 * provider (trusted as the provider's ARN). The issuer only selects among registered providers;
 * no URL from the token is ever fetched.
 */
export async function verifyWebIdentity(deps: WebIdentityDeps, token: string, log: Logger): Promise<WebIdentity> {
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
      return {
        principal: { type: "Federated", id: COGNITO },
        context: {
          [`${COGNITO}:aud`]: [own.poolId],
          [`${COGNITO}:sub`]: [own.identityId],
          [`${COGNITO}:amr`]: [...own.amr],
        },
        provider: COGNITO,
        audience: own.poolId,
        subject: own.identityId,
        tags: own.principalTags,
      };
    } catch (error) {
      if (!(error instanceof OwnTokenRejected)) throw error;
      log.info({ problem: error.problem, detail: error.detail }, "web identity token refused");
      if (error.problem === "expired" && error.expiresAtEpochSeconds !== undefined) {
        throw stsError({
          reason: "expired",
          detail: error.detail,
          nowEpochSeconds: nowEpochSeconds(deps.clock),
          expEpochSeconds: error.expiresAtEpochSeconds,
        });
      }
      throw serviceError(
        "InvalidIdentityToken",
        error.problem === "bad_signature" ? "Couldn't verify signed token." : NOT_A_JWT,
      );
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
    throw stsError(outcome.rejection);
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
    tags: readTags(claims[TAGS_CLAIM]),
  };
}
