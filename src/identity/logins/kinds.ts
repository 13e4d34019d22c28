import type { IdentityPoolRecord } from "../../store/index.js";
import { cognitoKind } from "./cognito.js";
import { developerKind } from "./developer.js";
import type { ConfigCheckDeps, LoginKind, LoginKindName, ProviderConfig } from "./login-kind.js";
import { oidcProviderKind } from "./oidc-provider.js";
import { publicProviderKind } from "./public.js";
import { samlKind } from "./saml.js";
import { userPoolKind } from "./user-pool.js";

/**
 * Every kind of login, in the order a logins key is recognised (reference §3.2 step 4, §3.8): the
 * one table that says, for each, how its key is recognised, how its token is verified and what it
 * adds to a pool's configuration. A new kind is one entry here and one file beside it.
 */
export const LOGIN_KINDS = {
  cognito: cognitoKind,
  oidc: oidcProviderKind,
  "user-pool": userPoolKind,
  public: publicProviderKind,
  developer: developerKind,
  saml: samlKind,
} as const satisfies Readonly<Record<LoginKindName, LoginKind>>;

const kinds: readonly LoginKind[] = Object.values(LOGIN_KINDS);

/** The kind a logins key names in this pool, if any. */
export function kindOf(pool: IdentityPoolRecord, key: string): LoginKind | undefined {
  return kinds.find((kind) => kind.recognises(pool, key));
}

/** Whether the pool offers a provider at all (`… does not have identity providers configured`). */
export function hasAnyProvider(config: ProviderConfig): boolean {
  return kinds.some((kind) => kind.configured(config));
}

/** Keys SetIdentityPoolRoles accepts in RoleMappings (reference §2.4). */
export function roleMappingProviderKeys(config: ProviderConfig): ReadonlySet<string> {
  return new Set(kinds.flatMap((kind) => kind.roleMappingKeys(config)));
}

/** Names SetPrincipalTagAttributeMap accepts (reference §3.7). */
export function principalTagProviderNames(config: ProviderConfig): ReadonlySet<string> {
  return new Set(kinds.flatMap((kind) => kind.principalTagNames(config)));
}

/** Every kind's checks of a Create/UpdateIdentityPool configuration; nothing is written. */
export async function checkProviderConfig(deps: ConfigCheckDeps, config: ProviderConfig): Promise<void> {
  for (const kind of kinds) await kind.checkConfig(deps, config);
}
