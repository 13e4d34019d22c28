import { serviceError } from "../../errors/index.js";
import type { IdentityPoolRecord, IdentityPoolRepository } from "../../store/index.js";
import { loadPool } from "../pools/pool-access.js";
import type { LoginKind } from "./login-kind.js";

/** Reference §2.4: the Logins entry must name the pool's DeveloperProviderName. */
export const unsupportedDeveloperProvider = () =>
  serviceError("NotAuthorized", "This identity pool does not support the specified developer provider");

/**
 * The pool of a developer operation and its developer provider name (reference §2.4): an unknown
 * pool is ResourceNotFound; a pool without one, or with another than `name`, the error AWS answers.
 */
export async function loadDeveloperPool(
  pools: IdentityPoolRepository,
  poolId: string,
  name?: string,
): Promise<{ pool: IdentityPoolRecord; provider: string }> {
  const pool = await loadPool(pools, poolId);
  const provider = pool.developerProviderName;
  if (provider === undefined || (name !== undefined && name !== provider)) throw unsupportedDeveloperProvider();
  return { pool, provider };
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
