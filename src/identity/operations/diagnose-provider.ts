import type { ProviderRegistration } from "../../oidc/index.js";
import type { IdentityPoolRecord } from "../../store/index.js";
import type { IdentityDeps } from "../deps.js";
import { kindOf, LOGIN_KINDS, principalTagProviderNames } from "../logins/kinds.js";
import { oidcProviderName } from "../logins/oidc-provider.js";

/** The provider a logins key names, as a login's verification builds it, or why there is none to test. */
export type DiagnosedProvider =
  | { readonly ok: true; readonly registration: ProviderRegistration }
  | { readonly ok: false; readonly says: string; readonly fix: string };

/**
 * Google's and Apple's published issuers, as identity/logins/public.ts verifies them (reference
 * §4.1): must stay in step with that file's OIDC_PUBLIC (not exported there; a LoginKind
 * `registration` member would make one table of both).
 */
const ID_TOKEN_PUBLIC: Readonly<Record<string, { base: "google" | "apple"; issuers: readonly string[] }>> = {
  "accounts.google.com": { base: "google", issuers: ["https://accounts.google.com", "accounts.google.com"] },
  "appleid.apple.com": { base: "apple", issuers: ["https://appleid.apple.com"] },
};

const none = (says: string, fix: string): DiagnosedProvider => ({ ok: false, says, fix });

function providerNames(pool: IdentityPoolRecord): string {
  const names = [...principalTagProviderNames(pool)].filter((name) => !name.startsWith("arn:"));
  return names.length === 0 ? "it has none" : names.join(", ");
}

/**
 * Finds the pool's provider for `key` the way a login does (the login-kind table, kinds.ts, then
 * the registration each kind verifies with: oidc-provider.ts, user-pool.ts, public.ts). Only ID-token
 * providers can be tested; every other kind says why not.
 */
export async function diagnosedProvider(
  deps: Pick<IdentityDeps, "store" | "publicProviders">,
  pool: IdentityPoolRecord,
  key: string,
): Promise<DiagnosedProvider> {
  const kind = kindOf(pool, key);
  if (kind === undefined) {
    return none(
      `logins key ${JSON.stringify(key)} names no provider of pool ${pool.poolId}`,
      `Use the logins key of one of the pool's providers (${providerNames(pool)}).`,
    );
  }
  if (kind === LOGIN_KINDS.oidc) {
    const arn = pool.openIdConnectProviderArns.find((a) => oidcProviderName(a) === key);
    const record = arn === undefined ? undefined : await deps.store.oidcProviders.get(arn);
    if (!record) {
      return none(
        `the pool lists ${arn ?? key}, but no such OpenID Connect provider is registered`,
        "Create the IAM OpenID Connect provider again, or remove it from the pool's OpenIdConnectProviderARNs.",
      );
    }
    return { ok: true, registration: record };
  }
  if (kind === LOGIN_KINDS["user-pool"]) {
    const clientIds = pool.cognitoIdentityProviders.filter((p) => p.providerName === key).map((p) => p.clientId);
    return { ok: true, registration: { url: `https://${key}`, clientIds, thumbprints: [] } };
  }
  if (kind === LOGIN_KINDS.public) {
    const clientId = pool.supportedLoginProviders[key];
    if (clientId === undefined) {
      return none(
        `${key} is a public provider, but pool ${pool.poolId} does not list it in SupportedLoginProviders`,
        `Add ${key} with its app or client id to the pool's SupportedLoginProviders.`,
      );
    }
    const spec = ID_TOKEN_PUBLIC[key];
    if (spec === undefined) {
      return none(
        `${key} logins are not ID tokens: idpool checks them by asking ${key} (or cannot check them at all)`,
        "Only ID tokens can be tested here: those of OpenID Connect providers, user pools, Google and Apple.",
      );
    }
    const registration = {
      url: deps.publicProviders[spec.base],
      clientIds: [clientId],
      thumbprints: [],
      issuers: spec.issuers,
    };
    return { ok: true, registration };
  }
  return none(
    `logins key ${JSON.stringify(key)} names a provider whose logins are not third-party ID tokens`,
    "Only ID tokens can be tested here: those of OpenID Connect providers, user pools, Google and Apple.",
  );
}
