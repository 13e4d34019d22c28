import { type ServiceError, serviceError } from "../../errors/index.js";
import type { ProviderRegistration, TokenRejection, VerifiedClaims } from "../../oidc/index.js";
import { type LoginAttempt, refuseLogin } from "./refusal.js";
import { cognitoMessageForRejection } from "./rejection-messages.js";

/**
 * Verifies an ID token with oidc/; a refusal is reported with its reason and answered in Cognito's
 * words (`errorFor` lets a provider kind answer a reason its own way).
 */
export async function verifyIdToken(
  at: LoginAttempt,
  registration: ProviderRegistration,
  errorFor: (rejection: TokenRejection) => ServiceError = (r) =>
    serviceError("NotAuthorized", cognitoMessageForRejection(r)),
): Promise<{ claims: VerifiedClaims; clientId: string }> {
  const outcome = await at.deps.verifier.verify(at.token, registration, at.loginsKey);
  if (!outcome.ok) return refuseLogin(at, outcome.rejection, errorFor(outcome.rejection));
  return { claims: outcome.claims, clientId: outcome.matchedClientId };
}
