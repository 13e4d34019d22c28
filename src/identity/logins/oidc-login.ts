import { serviceError } from "../../errors/index.js";
import type { OidcVerifier, ProviderRegistration, VerifiedClaims } from "../../oidc/index.js";
import type { Logger } from "../../protocol/index.js";
import { cognitoMessageForRejection } from "../token-rejection-message.js";

/** Verifies an ID token with oidc/; a refusal is logged with its reason and answered in Cognito's words. */
export async function verifyIdToken(
  verifier: OidcVerifier,
  token: string,
  registration: ProviderRegistration,
  loginsKey: string,
  log: Logger,
): Promise<{ claims: VerifiedClaims; clientId: string }> {
  const outcome = await verifier.verify(token, registration, loginsKey);
  if (!outcome.ok) {
    log.info(
      { provider: loginsKey, reason: outcome.rejection.reason, detail: outcome.rejection.detail },
      "login token refused",
    );
    throw serviceError("NotAuthorized", cognitoMessageForRejection(outcome.rejection));
  }
  return { claims: outcome.claims, clientId: outcome.matchedClientId };
}
