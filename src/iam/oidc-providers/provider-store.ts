import { serviceError } from "../../errors/index.js";
import { oidcProviderArn } from "../../shared/index.js";
import type { OidcProviderRecord, Store } from "../../store/index.js";
import { updateOptimistically } from "../optimistic.js";

/** IAM's answer for an unknown provider ARN (reference §7.2). */
export function providerNotFound(arn: string): Error {
  return serviceError("NoSuchEntity", `OpenIDConnect Provider not found for arn ${arn}`);
}

export async function findOidcProviderByArn(store: Store, arn: string): Promise<OidcProviderRecord | undefined> {
  return store.oidcProviders.get(arn);
}

/**
 * The provider a logins-map key (or a token's `iss` without its scheme) names: the key is the
 * provider URL without `https://`, which is also the ARN's resource part (reference §3.8, §7.1).
 */
export async function findOidcProviderByLoginsKey(
  store: Store,
  accountId: string,
  loginsKey: string,
): Promise<OidcProviderRecord | undefined> {
  return store.oidcProviders.get(oidcProviderArn(accountId, loginsKey));
}

export async function loadProvider(store: Store, arn: string): Promise<OidcProviderRecord> {
  const record = await store.oidcProviders.get(arn);
  if (!record) throw providerNotFound(arn);
  return record;
}

export function updateProvider(
  store: Store,
  arn: string,
  change: (current: OidcProviderRecord) => OidcProviderRecord,
): Promise<OidcProviderRecord> {
  return updateOptimistically(
    {
      load: () => store.oidcProviders.get(arn),
      save: (next, expected) => store.oidcProviders.update(next, expected),
      missing: () => providerNotFound(arn),
      description: `OpenIDConnect Provider ${arn}`,
    },
    change,
  );
}
