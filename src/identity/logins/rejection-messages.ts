/**
 * The exact Cognito texts (reference §4.2) for each reason oidc/ gives, so users find the messages
 * they already search for. All are NotAuthorizedException messages.
 */
import type { TokenRejection } from "../../oidc/index.js";
import { assertNever } from "../../shared/index.js";

const PREFIX = "Invalid login token.";

export function cognitoMessageForRejection(rejection: TokenRejection): string {
  switch (rejection.reason) {
    case "issuer_mismatch":
      return `${PREFIX} Issuer doesn't match providerName`; // no trailing period, as observed
    case "expired":
      return `${PREFIX} Token expired: ${rejection.nowEpochSeconds} >= ${rejection.expEpochSeconds}`;
    case "missing_aud":
      return `${PREFIX} Missing a required claim: aud`;
    case "audience_mismatch":
    case "azp_mismatch":
      return `${PREFIX} Incorrect token audience.`;
    case "bad_signature":
    case "no_matching_key":
    // Key trouble (TLS, discovery, JWKS) also means the signature could not be checked. Cognito
    // shows no dedicated text for it to identity-pool callers; STS's "Couldn't retrieve
    // verification key…" (reference §6.4) would name a document idpool's callers cannot act on, and
    // operators get the real reason from the log. So: the signature text.
    case "untrusted_tls":
    case "thumbprint_mismatch":
    case "hostname_mismatch":
    case "jwks_unreachable":
    case "discovery_invalid":
    case "jwks_invalid":
      return `${PREFIX} Couldn't verify signed token.`;
    case "token_too_large":
    case "malformed":
    case "alg_not_allowed":
    case "crit_unsupported":
    case "missing_exp":
    case "missing_sub":
    case "not_yet_valid":
    case "issued_in_future":
      return `${PREFIX} Not a valid OpenId Connect identity token.`;
    default:
      return assertNever(rejection, "rejection reason");
  }
}
