import { serviceError } from "../../errors/index.js";
import type { VerifiedClaims } from "../../oidc/index.js";
import type { Logger } from "../../protocol/index.js";
import type { IdentityPoolRecord } from "../../store/index.js";
import { oidcProviderName, PUBLIC_PROVIDERS } from "../providers.js";
import { cognitoMessageForRejection } from "../token-rejection-message.js";
import type { FlowDeps } from "./flow-deps.js";

/** The logins key of idpool's own tokens (reference §3.8). */
export const COGNITO_LOGINS_KEY = "cognito-identity.amazonaws.com";

export interface VerifiedLogin {
  /** The logins key: `host[/path]` for OpenID Connect providers. */
  readonly provider: string;
  readonly subject: string;
  readonly claims: VerifiedClaims;
  readonly providerArn: string;
  readonly clientId: string;
}

const notSupported = () =>
  serviceError("NotAuthorized", "Token is not from a supported provider of this identity pool.");

function hasAnyProvider(pool: IdentityPoolRecord): boolean {
  return (
    pool.openIdConnectProviderArns.length > 0 ||
    pool.cognitoIdentityProviders.length > 0 ||
    pool.samlProviderArns.length > 0 ||
    Object.keys(pool.supportedLoginProviders).length > 0 ||
    pool.developerProviderName !== undefined
  );
}

/**
 * Checks every login of a logins map (reference §3.2 step 3–4, §4): one bad token fails the call.
 * The reason is logged for operators (never the token); the caller gets Cognito's message.
 */
export async function verifyLogins(
  deps: FlowDeps,
  pool: IdentityPoolRecord,
  logins: Readonly<Record<string, string>>,
  log: Logger,
): Promise<VerifiedLogin[]> {
  const entries = Object.entries(logins);
  if (entries.length > 0 && !hasAnyProvider(pool)) {
    throw serviceError("NotAuthorized", `Identity pool - ${pool.poolId} does not have identity providers configured.`);
  }
  const oidcArns = new Map<string, string>();
  for (const arn of pool.openIdConnectProviderArns) {
    const name = oidcProviderName(arn);
    if (name !== undefined) oidcArns.set(name, arn);
  }
  return Promise.all(
    entries.map(async ([key, token]) => {
      if (key === COGNITO_LOGINS_KEY) {
        // TODO(#5): the enhanced developer flow accepts idpool's own tokens under this key.
        throw serviceError("NotAuthorized", "Invalid login token. Can't pass in a Cognito token.");
      }
      const arn = oidcArns.get(key);
      if (arn === undefined) {
        if (PUBLIC_PROVIDERS.includes(key)) {
          if (pool.supportedLoginProviders[key] === undefined) {
            throw serviceError("InvalidParameter", "Please provide a valid public provider.");
          }
          // TODO(#5): Google, Apple, Facebook and Amazon logins.
          throw serviceError("InvalidParameter", `idpool does not verify ${key} logins yet.`);
        }
        throw notSupported();
      }
      const provider = await deps.store.oidcProviders.get(arn);
      if (!provider) throw notSupported();
      const outcome = await deps.verifier.verify(token, provider, key);
      if (!outcome.ok) {
        log.info(
          { provider: key, reason: outcome.rejection.reason, detail: outcome.rejection.detail },
          "login token refused",
        );
        throw serviceError("NotAuthorized", cognitoMessageForRejection(outcome.rejection));
      }
      return {
        provider: key,
        subject: outcome.claims.sub,
        claims: outcome.claims,
        providerArn: arn,
        clientId: outcome.matchedClientId,
      };
    }),
  );
}
