import { isRecord } from "./answer.js";
import type { PoolSpec, PrincipalTagSpec, ProviderSpec, RoleMappingSpec, RoleSpec } from "./file-schema.js";
import type { JsonObject } from "./schema-kit.js";

/**
 * Each resource in one spelling: defaults and empty members left out, map keys sorted (policy
 * documents aside, which are kept as written), a policy's text read as its JSON object. Export
 * writes this form, and apply compares desired with current in it, so "the same" is one rule.
 */
type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type CognitoProviderSpec = NonNullable<PoolSpec["cognitoIdentityProviders"]>[number];

const sortedRecord = <V>(r: Readonly<Record<string, V>> | undefined): Record<string, V> | undefined => {
  const keys = Object.keys(r ?? {}).sort();
  return keys.length === 0 || !r ? undefined : Object.fromEntries(keys.map((k) => [k, r[k] as V]));
};

const nonEmpty = <T>(list: readonly T[] | undefined): readonly T[] | undefined =>
  list && list.length > 0 ? list : undefined;

type OptionalKeys<T> = { [K in keyof T]-?: Record<never, never> extends Pick<T, K> ? K : never }[keyof T];
/** `T` whose optional members may also be given as `undefined`. */
type Loose<T> = Omit<T, OptionalKeys<T>> & { [K in OptionalKeys<T>]?: T[K] | undefined };

/** Drops `undefined` members, so `{a: undefined}` and `{}` are one value. */
function defined<T extends object>(o: Loose<T>): T {
  // Leaving out the `undefined` members of a Loose<T> is exactly what makes it a T.
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** A policy's text that holds a JSON object is that object; any other text stays text. */
export function policyValue(policy: string | JsonObject): string | JsonObject {
  if (typeof policy !== "string") return policy;
  try {
    const parsed: unknown = JSON.parse(policy);
    return isRecord(parsed) ? parsed : policy;
  } catch {
    return policy;
  }
}

/** The text sent to IAM: a string as written, an object as compact JSON. */
export const policyText = (policy: string | JsonObject): string =>
  typeof policy === "string" ? policy : JSON.stringify(policy);

/** Deep equality of JSON values; object members in any order, list items in order. */
export function same(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => same(v, b[i]));
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a).filter((k) => a[k] !== undefined);
    return (
      keys.length === Object.keys(b).filter((k) => b[k] !== undefined).length && keys.every((k) => same(a[k], b[k]))
    );
  }
  return a === b;
}

export function canonicalProvider(p: ProviderSpec): ProviderSpec {
  return defined<ProviderSpec>({
    url: p.url,
    clientIds: nonEmpty([...new Set(p.clientIds ?? [])]),
    thumbprints: nonEmpty([...new Set((p.thumbprints ?? []).map((t) => t.toLowerCase()))]),
    tags: sortedRecord(p.tags),
  });
}

export function canonicalRole(r: RoleSpec): RoleSpec {
  const policies = sortedRecord(r.inlinePolicies);
  return defined<RoleSpec>({
    name: r.name,
    path: r.path === "/" ? undefined : r.path,
    description: r.description === "" ? undefined : r.description,
    maxSessionDuration: r.maxSessionDuration === 3600 ? undefined : r.maxSessionDuration,
    trustPolicy: policyValue(r.trustPolicy),
    inlinePolicies: policies && Object.fromEntries(Object.entries(policies).map(([k, v]) => [k, policyValue(v)])),
    tags: sortedRecord(r.tags),
  });
}

/** RulesConfiguration means something only for a Rules mapping; the service drops it for Token. */
function canonicalMapping(m: RoleMappingSpec): RoleMappingSpec {
  return defined<RoleMappingSpec>({
    type: m.type,
    ambiguousRoleResolution: m.ambiguousRoleResolution,
    rulesConfiguration: m.type === "Rules" ? m.rulesConfiguration : undefined,
  });
}

/** No map and a map that maps nothing give no principal tags (reference §3.7): both are left out. */
function canonicalPrincipalTags(m: PrincipalTagSpec): PrincipalTagSpec | undefined {
  const tags = sortedRecord(m.principalTags);
  return m.useDefaults || tags
    ? defined<PrincipalTagSpec>({ useDefaults: m.useDefaults || undefined, principalTags: tags })
    : undefined;
}

function mapValues<V, W>(r: Readonly<Record<string, V>> | undefined, f: (v: V) => W | undefined) {
  const out: Mutable<Record<string, W>> = {};
  for (const [k, v] of Object.entries(sortedRecord(r) ?? {})) {
    const w = f(v);
    if (w !== undefined) out[k] = w;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

export function canonicalPool(p: PoolSpec): PoolSpec {
  const roles = defined<NonNullable<PoolSpec["roles"]>>({
    authenticated: p.roles?.authenticated,
    unauthenticated: p.roles?.unauthenticated,
  });
  return defined<PoolSpec>({
    name: p.name,
    id: p.id,
    allowUnauthenticatedIdentities: p.allowUnauthenticatedIdentities,
    allowClassicFlow: p.allowClassicFlow || undefined,
    supportedLoginProviders: sortedRecord(p.supportedLoginProviders),
    developerProviderName: p.developerProviderName,
    openIdConnectProviderARNs: nonEmpty(p.openIdConnectProviderARNs),
    cognitoIdentityProviders: nonEmpty(
      p.cognitoIdentityProviders?.map((c) =>
        defined<CognitoProviderSpec>({
          providerName: c.providerName,
          clientId: c.clientId,
          serverSideTokenCheck: c.serverSideTokenCheck || undefined,
        }),
      ),
    ),
    samlProviderARNs: nonEmpty(p.samlProviderARNs),
    roles: Object.keys(roles).length > 0 ? roles : undefined,
    roleMappings: mapValues(p.roleMappings, canonicalMapping),
    principalTags: mapValues(p.principalTags, canonicalPrincipalTags),
    tags: sortedRecord(p.tags),
  });
}
