import type { IdentityPoolRecord } from "../../store/index.js";
import { checkProviderConfig } from "../logins/kinds.js";
import type { ConfigCheckDeps } from "../logins/login-kind.js";
import type { CognitoIdentityProviderWire, PoolConfigWire } from "../shapes.js";
import { checkTagCount } from "./tags.js";

/** The provider configuration CreateIdentityPool and UpdateIdentityPool both set (reference §2.2). */
export type PoolConfig = Pick<
  IdentityPoolRecord,
  | "name"
  | "allowUnauthenticated"
  | "allowClassicFlow"
  | "supportedLoginProviders"
  | "developerProviderName"
  | "openIdConnectProviderArns"
  | "cognitoIdentityProviders"
  | "samlProviderArns"
>;

/** Reference §2.4: a user-pool entry is checked by the user-pool kind; missing members are "". */
function userPoolOf(p: CognitoIdentityProviderWire): PoolConfig["cognitoIdentityProviders"][number] {
  return {
    providerName: p.ProviderName ?? "",
    clientId: p.ClientId ?? "",
    serverSideTokenCheck: p.ServerSideTokenCheck ?? false,
  };
}

/**
 * Checks a Create/UpdateIdentityPool input and returns the configuration it sets. Omitted optional
 * members take their defaults (reference §2.4). Nothing is written here, so a refused request
 * leaves no partial change behind.
 */
export async function checkPoolConfig(deps: ConfigCheckDeps, input: PoolConfigWire): Promise<PoolConfig> {
  const config: PoolConfig = {
    name: input.IdentityPoolName,
    allowUnauthenticated: input.AllowUnauthenticatedIdentities,
    allowClassicFlow: input.AllowClassicFlow ?? false,
    supportedLoginProviders: input.SupportedLoginProviders ?? {},
    developerProviderName: input.DeveloperProviderName,
    openIdConnectProviderArns: input.OpenIdConnectProviderARNs ?? [],
    cognitoIdentityProviders: (input.CognitoIdentityProviders ?? []).map(userPoolOf),
    samlProviderArns: input.SamlProviderARNs ?? [],
  };
  await checkProviderConfig(deps, config);
  checkTagCount(input.IdentityPoolTags ?? {});
  return config;
}
