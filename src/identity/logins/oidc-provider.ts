import { serviceError } from "../../errors/index.js";
import { findOidcProviderByArn } from "../../iam/index.js";
import type { IdentityPoolRecord } from "../../store/index.js";
import { notSupported } from "../errors.js";
import { verifyIdToken } from "./id-token.js";
import type { LoginKind, ProviderConfig, VerifyLogin } from "./login-kind.js";

const OIDC_ARN = /^arn:aws:iam::(\d{12}):oidc-provider\/(.+)$/;

/** `arn:aws:iam::<acct>:oidc-provider/<host[/path]>` → `host[/path]`, the provider's logins key (§3.8). */
export function oidcProviderName(arn: string): string | undefined {
  return OIDC_ARN.exec(arn)?.[2];
}

/** Each pool record's providers by logins key, read once: the store's cache hands out the same record. */
const providersByKey = new WeakMap<IdentityPoolRecord, ReadonlyMap<string, string>>();

function arnFor(pool: IdentityPoolRecord, key: string): string | undefined {
  let byKey = providersByKey.get(pool);
  if (!byKey) {
    const map = new Map<string, string>();
    for (const arn of pool.openIdConnectProviderArns) {
      const name = oidcProviderName(arn);
      // The first ARN naming a key wins, as a search in order would choose it.
      if (name !== undefined && !map.has(name)) map.set(name, arn);
    }
    byKey = map;
    providersByKey.set(pool, byKey);
  }
  return byKey.get(key);
}

/** A provider is named by its ARN and by its logins key, wherever the pool names providers (§2.4). */
function namesAndArns(config: ProviderConfig): string[] {
  return config.openIdConnectProviderArns.flatMap((arn) => {
    const name = oidcProviderName(arn);
    return name === undefined ? [arn] : [arn, name];
  });
}

/** An IAM OpenID Connect provider of the pool (reference §3.8, §4.1). */
const verifyOidcProviderLogin: VerifyLogin = async (deps, pool, key, token, log) => {
  const arn = arnFor(pool, key);
  const provider = arn === undefined ? undefined : await deps.store.oidcProviders.get(arn);
  if (!provider || arn === undefined) throw notSupported();
  const { claims, clientId } = await verifyIdToken({ deps, pool, loginsKey: key, token, log }, provider);
  return {
    provider: key,
    subject: claims.sub,
    claims,
    clientId,
    amr: ["authenticated", key, `${arn}:OIDC:${claims.sub}`],
    mappingKeys: [key, arn],
    kind: "oidc",
    defaultTags: { username: claims.sub, client: clientId },
  };
};

/** OpenIdConnectProviderARNs: IAM provider objects of this account, keyed by URL without scheme. */
export const oidcProviderKind: LoginKind = {
  recognises: (pool, key) => arnFor(pool, key) !== undefined,
  verify: verifyOidcProviderLogin,
  configured: (config) => config.openIdConnectProviderArns.length > 0,
  roleMappingKeys: namesAndArns,
  principalTagNames: namesAndArns,
  async checkConfig(deps, config) {
    for (const arn of config.openIdConnectProviderArns) {
      const known = oidcProviderName(arn) !== undefined && (await findOidcProviderByArn(deps.store, arn)) !== undefined;
      if (!known) {
        throw serviceError(
          "InvalidParameter",
          `OpenIdConnectProviderARNs: '${arn}' is not an OpenID Connect provider in this account.`,
        );
      }
    }
  },
};
