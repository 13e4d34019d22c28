import { serviceError } from "../../errors/index.js";
import type { Logger } from "../../shared/index.js";
import type { IdentityPoolRecord } from "../../store/index.js";
import { COGNITO_LOGINS_KEY, cognitoLogin } from "../logins/cognito-login.js";
import { notSupported, oidcProviderLogin, userPoolLogin } from "../logins/provider-logins.js";
import { publicProviderLogin } from "../logins/public-logins.js";
import type { VerifiedLogin } from "../logins/verified-login.js";
import { oidcProviderName, PUBLIC_PROVIDERS } from "../providers.js";
import type { FlowDeps } from "./flow-deps.js";

export type { VerifiedLogin };
export { COGNITO_LOGINS_KEY };

function hasAnyProvider(pool: IdentityPoolRecord): boolean {
  return (
    pool.openIdConnectProviderArns.length > 0 ||
    pool.cognitoIdentityProviders.length > 0 ||
    pool.samlProviderArns.length > 0 ||
    Object.keys(pool.supportedLoginProviders).length > 0 ||
    pool.developerProviderName !== undefined
  );
}

function oidcArnFor(pool: IdentityPoolRecord, key: string): string | undefined {
  return pool.openIdConnectProviderArns.find((arn) => oidcProviderName(arn) === key);
}

/** One login, by the kind of provider its key names (reference §3.2 step 4, §3.8). */
function verifyOne(
  deps: FlowDeps,
  pool: IdentityPoolRecord,
  key: string,
  token: string,
  log: Logger,
): Promise<VerifiedLogin> {
  if (key === COGNITO_LOGINS_KEY) return cognitoLogin(deps, pool, token, log);
  const arn = oidcArnFor(pool, key);
  if (arn !== undefined) return oidcProviderLogin(deps, arn, key, token, log);
  if (pool.cognitoIdentityProviders.some((p) => p.providerName === key))
    return userPoolLogin(deps, pool, key, token, log);
  if (PUBLIC_PROVIDERS.includes(key)) {
    const configuredId = pool.supportedLoginProviders[key];
    if (configuredId === undefined) throw serviceError("InvalidParameter", "Please provide a valid public provider.");
    return publicProviderLogin(deps, key, configuredId, token, log);
  }
  throw notSupported();
}

/**
 * Checks every login of a logins map (reference §3.2 steps 3–4, §4): one bad token fails the call.
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
  return Promise.all(entries.map(([key, token]) => verifyOne(deps, pool, key, token, log)));
}
