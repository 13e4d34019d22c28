import { serviceError } from "../../errors/index.js";
import type { IdentityPoolRecord } from "../../store/index.js";
import type { LoginKind } from "./login-kind.js";

/** Reference §2.4: the Logins entry must name the pool's DeveloperProviderName. */
export const unsupportedDeveloperProvider = () =>
  serviceError("NotAuthorized", "This identity pool does not support the specified developer provider");

/** The pool's developer provider name, or the error AWS answers when it has none or another. */
export function requireDeveloperProvider(pool: IdentityPoolRecord, name: string | undefined): string {
  const configured = pool.developerProviderName;
  if (configured === undefined || (name !== undefined && name !== configured)) throw unsupportedDeveloperProvider();
  return configured;
}

/** `amr` of developer tokens (reference §5). */
export function developerAmr(provider: string, poolId: string, userIdentifier: string): string[] {
  return ["authenticated", provider, `${provider}:${poolId}:${userIdentifier}`];
}

export function developerLogin(provider: string, userIdentifier: string) {
  return { provider, subject: userIdentifier, developer: true } as const;
}

/**
 * DeveloperProviderName: the backend vouches for its users through GetOpenIdTokenForDeveloperIdentity,
 * whose Logins entry holds a developer user id, not a token. In a GetId or GetCredentialsForIdentity
 * logins map the name verifies nothing, so it is not a supported provider there (reference §3.4).
 */
export const developerKind: LoginKind = {
  recognises: (pool, key) => pool.developerProviderName === key,
  configured: (config) => config.developerProviderName !== undefined,
  roleMappingKeys: () => [],
  principalTagNames: () => [],
  checkConfig: () => {},
};
