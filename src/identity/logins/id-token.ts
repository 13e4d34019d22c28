import { type ServiceError, serviceError } from "../../errors/index.js";
import type { OidcVerifier, ProviderRegistration, TokenRejection, VerifiedClaims } from "../../oidc/index.js";
import type { Logger } from "../../shared/index.js";
import { cognitoMessageForRejection } from "./rejection-messages.js";

/**
 * Verifies an ID token with oidc/; a refusal is logged with its reason and answered in Cognito's
 * words (`errorFor` lets a provider kind answer a reason its own way).
 */
export async function verifyIdToken(
  verifier: OidcVerifier,
  token: string,
  registration: ProviderRegistration,
  loginsKey: string,
  log: Logger,
  errorFor: (rejection: TokenRejection) => ServiceError = (r) =>
    serviceError("NotAuthorized", cognitoMessageForRejection(r)),
): Promise<{ claims: VerifiedClaims; clientId: string }> {
  const outcome = await verifier.verify(token, registration, loginsKey);
  if (!outcome.ok) {
    const { reason, detail } = outcome.rejection;
    log.info({ provider: loginsKey, reason, detail }, "login token refused");
    throw errorFor(outcome.rejection);
  }
  return { claims: outcome.claims, clientId: outcome.matchedClientId };
}
