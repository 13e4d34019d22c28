import { serviceError } from "../../errors/index.js";
import type { OidcVerifier, ProviderRegistration, TokenRejection, VerifiedClaims } from "../../oidc/index.js";
import type { Logger } from "../../shared/index.js";
import { cognitoMessageForRejection } from "../token-rejection-message.js";

/**
 * Verifies an ID token with oidc/; a refusal is logged with its reason and answered in Cognito's
 * words (`messageFor` lets a provider kind word a reason its own way).
 */
export async function verifyIdToken(
  verifier: OidcVerifier,
  token: string,
  registration: ProviderRegistration,
  loginsKey: string,
  log: Logger,
  messageFor: (rejection: TokenRejection) => string = cognitoMessageForRejection,
): Promise<{ claims: VerifiedClaims; clientId: string }> {
  const outcome = await verifier.verify(token, registration, loginsKey);
  if (!outcome.ok) {
    const { reason, detail } = outcome.rejection;
    log.info({ provider: loginsKey, reason, detail }, "login token refused");
    throw serviceError("NotAuthorized", messageFor(outcome.rejection));
  }
  return { claims: outcome.claims, clientId: outcome.matchedClientId };
}
