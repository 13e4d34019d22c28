import { serviceError } from "../errors/index.js";
import { findOidcProviderByArn } from "../iam/index.js";
import type { IdentityPoolRecord, Store } from "../store/index.js";
import { isSamlProviderArn, isUserPoolProviderName, oidcProviderName, PUBLIC_PROVIDERS } from "./providers.js";
import type { CognitoIdentityProviderWire, PoolConfigWire } from "./shapes.js";
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

export interface PoolConfigDeps {
  readonly store: Store;
  readonly accountId: string;
}

const invalid = (message: string) => serviceError("InvalidParameter", message);

function checkLoginProviders(providers: Readonly<Record<string, string>>): void {
  for (const key of Object.keys(providers)) {
    if (!PUBLIC_PROVIDERS.includes(key)) {
      throw invalid(
        `SupportedLoginProviders key '${key}' is not a public provider (${PUBLIC_PROVIDERS.join(", ")}); ` +
          "list other OpenID Connect providers in OpenIdConnectProviderARNs.",
      );
    }
  }
}

/** Reference §2.4: a URL form, a missing name or a missing client id is refused with this message. */
function checkCognitoProvider(p: CognitoIdentityProviderWire): PoolConfig["cognitoIdentityProviders"][number] {
  const providerName = p.ProviderName ?? "";
  const clientId = p.ClientId ?? "";
  if (!isUserPoolProviderName(providerName) || clientId === "") {
    throw invalid("Invalid Cognito Identity Provider");
  }
  return { providerName, clientId, serverSideTokenCheck: p.ServerSideTokenCheck ?? false };
}

async function checkOidcArns(deps: PoolConfigDeps, arns: readonly string[]): Promise<void> {
  for (const arn of arns) {
    const known = oidcProviderName(arn) !== undefined && (await findOidcProviderByArn(deps.store, arn)) !== undefined;
    if (!known) {
      throw invalid(`OpenIdConnectProviderARNs: '${arn}' is not an OpenID Connect provider in this account.`);
    }
  }
}

function checkSamlArns(deps: PoolConfigDeps, arns: readonly string[]): void {
  // idpool keeps no SAML provider objects, so only the ARN's form and account can be checked.
  for (const arn of arns) {
    if (!isSamlProviderArn(arn, deps.accountId)) {
      throw invalid(`SamlProviderARNs: '${arn}' is not a SAML provider ARN of this account.`);
    }
  }
}

/**
 * Checks a Create/UpdateIdentityPool input and returns the configuration it sets. Omitted optional
 * members take their defaults (reference §2.4). Nothing is written here, so a refused request
 * leaves no partial change behind.
 */
export async function checkPoolConfig(deps: PoolConfigDeps, input: PoolConfigWire): Promise<PoolConfig> {
  const supportedLoginProviders = input.SupportedLoginProviders ?? {};
  checkLoginProviders(supportedLoginProviders);
  const cognitoIdentityProviders = (input.CognitoIdentityProviders ?? []).map(checkCognitoProvider);
  const openIdConnectProviderArns = input.OpenIdConnectProviderARNs ?? [];
  await checkOidcArns(deps, openIdConnectProviderArns);
  const samlProviderArns = input.SamlProviderARNs ?? [];
  checkSamlArns(deps, samlProviderArns);
  checkTagCount(input.IdentityPoolTags ?? {});
  return {
    name: input.IdentityPoolName,
    allowUnauthenticated: input.AllowUnauthenticatedIdentities,
    allowClassicFlow: input.AllowClassicFlow ?? false,
    supportedLoginProviders,
    developerProviderName: input.DeveloperProviderName ?? undefined,
    openIdConnectProviderArns,
    cognitoIdentityProviders,
    samlProviderArns,
  };
}
