import type { IdentityPoolRecord } from "../store/index.js";

/**
 * Provider names as a pool knows them (reference §3.8): the logins keys, and the keys that
 * RoleMappings and principal-tag maps accept (§2.4, §3.7).
 */

/** The public providers SupportedLoginProviders may name (reference §2.4, §3.8). */
export const PUBLIC_PROVIDERS: readonly string[] = [
  "graph.facebook.com",
  "accounts.google.com",
  "www.amazon.com",
  "api.twitter.com",
  "appleid.apple.com",
  "www.digits.com",
];

const OIDC_ARN = /^arn:aws:iam::(\d{12}):oidc-provider\/(.+)$/;
const SAML_ARN = /^arn:aws:iam::(\d{12}):saml-provider\/[\w+=,.@-]{1,128}$/;

/** `arn:aws:iam::<acct>:oidc-provider/<host[/path]>` → `host[/path]`, the provider's logins key. */
export function oidcProviderName(arn: string): string | undefined {
  return OIDC_ARN.exec(arn)?.[2];
}

export function isSamlProviderArn(arn: string, accountId: string): boolean {
  return SAML_ARN.exec(arn)?.[1] === accountId;
}

// `cognito-idp.<region>.amazonaws.com/<region>_<id>` (reference §2.4, §3.8).
const USER_POOL_HOST = /^cognito-idp\.[a-z0-9-]+\.amazonaws\.com$/;
const USER_POOL_ID = /^[a-z0-9-]+_[0-9A-Za-z]+$/;
// Any other issuer without its scheme: `host[:port]/path`, so that user-pool emulators work too.
const ISSUER_WITHOUT_SCHEME = /^([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*)(?::\d{1,5})?\/([\w.:/-]+)$/;

/** Whether a CognitoIdentityProviders[].ProviderName has the form of a user-pool issuer. */
export function isUserPoolProviderName(name: string): boolean {
  const match = ISSUER_WITHOUT_SCHEME.exec(name);
  if (!match) return false;
  const host = match[1] ?? "";
  const path = match[2] ?? "";
  if (USER_POOL_HOST.test(host)) return USER_POOL_ID.test(path);
  return !path.endsWith("/");
}

function oidcNamesAndArns(pool: IdentityPoolRecord): string[] {
  const out: string[] = [];
  for (const arn of pool.openIdConnectProviderArns) {
    out.push(arn);
    const name = oidcProviderName(arn);
    if (name !== undefined) out.push(name);
  }
  return out;
}

/**
 * Keys SetIdentityPoolRoles accepts in RoleMappings (reference §2.4): social provider domains,
 * OIDC provider names and ARNs, `<user pool provider>:<client id>`, SAML provider ARNs.
 */
export function roleMappingProviderKeys(pool: IdentityPoolRecord): ReadonlySet<string> {
  return new Set([
    ...Object.keys(pool.supportedLoginProviders),
    ...oidcNamesAndArns(pool),
    ...pool.cognitoIdentityProviders.map((p) => `${p.providerName}:${p.clientId}`),
    ...pool.samlProviderArns,
  ]);
}

/**
 * Names SetPrincipalTagAttributeMap accepts (reference §3.7): the logins keys of the configured
 * providers (a user pool by its issuer, without client id), plus OIDC and SAML provider ARNs.
 */
export function principalTagProviderNames(pool: IdentityPoolRecord): ReadonlySet<string> {
  return new Set([
    ...Object.keys(pool.supportedLoginProviders),
    ...oidcNamesAndArns(pool),
    ...pool.cognitoIdentityProviders.map((p) => p.providerName),
    ...pool.samlProviderArns,
  ]);
}
