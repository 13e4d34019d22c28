import { type ServiceError, serviceError } from "../../errors/index.js";
import type { TokenRejection } from "../../oidc/index.js";
import { assertNever } from "../../shared/index.js";

export const NOT_A_JWT =
  "The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)";

function isoSeconds(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * Why a web identity token was refused → STS's error and message (reference §6.4), for provider
 * tokens and idpool's own alike. Exhaustive: a new reason does not compile until it is mapped here.
 */
export function stsErrorFor(rejection: TokenRejection): ServiceError {
  switch (rejection.reason) {
    case "expired":
      return serviceError(
        "StsExpiredToken",
        `Token expired: current date/time ${isoSeconds(rejection.nowEpochSeconds)} must be before the expiration date/time ${isoSeconds(rejection.expEpochSeconds)}`,
      );
    case "audience_mismatch":
    case "azp_mismatch":
    case "missing_aud":
      return serviceError("InvalidIdentityToken", "Incorrect token audience");
    case "thumbprint_mismatch":
      return serviceError(
        "InvalidIdentityToken",
        "OpenIDConnect provider's HTTPS certificate doesn't match configured thumbprint",
      );
    case "untrusted_tls":
    case "hostname_mismatch":
    case "jwks_unreachable":
    case "discovery_invalid":
    case "jwks_invalid":
      return serviceError(
        "IDPCommunicationError",
        "Couldn't retrieve verification key from your identity provider, please reference AssumeRoleWithWebIdentity documentation for requirements",
      );
    case "bad_signature":
    case "no_matching_key":
      return serviceError("InvalidIdentityToken", "Couldn't verify signed token.");
    case "token_too_large":
    case "malformed":
    case "alg_not_allowed":
    case "crit_unsupported":
    case "issuer_mismatch":
    case "missing_exp":
    case "missing_sub":
    case "not_yet_valid":
    case "issued_in_future":
      return serviceError("InvalidIdentityToken", NOT_A_JWT);
    default:
      return assertNever(rejection, "rejection reason");
  }
}
