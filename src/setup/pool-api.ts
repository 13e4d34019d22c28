import { flagOf, isRecord, listOfAnswer, recordOfAnswer, textOf, textRecordOf, textsOf } from "./answer.js";
import {
  AMBIGUOUS_ROLE_RESOLUTIONS,
  MAPPING_TYPES,
  MATCH_TYPES,
  type PoolSpec,
  type PrincipalTagSpec,
  type RoleMappingSpec,
} from "./file-schema.js";

/**
 * A pool entry in Cognito Identity's member names and back (reference §2.4): the file's members
 * are the API's in lowerCamelCase, except `name` (IdentityPoolName), `id` (IdentityPoolId) and
 * `tags` (IdentityPoolTags).
 */
export function poolConfigInput(p: PoolSpec): Record<string, unknown> {
  return {
    IdentityPoolName: p.name,
    AllowUnauthenticatedIdentities: p.allowUnauthenticatedIdentities,
    AllowClassicFlow: p.allowClassicFlow,
    SupportedLoginProviders: p.supportedLoginProviders,
    DeveloperProviderName: p.developerProviderName,
    OpenIdConnectProviderARNs: p.openIdConnectProviderARNs,
    CognitoIdentityProviders: p.cognitoIdentityProviders?.map((c) => ({
      ProviderName: c.providerName,
      ClientId: c.clientId,
      ServerSideTokenCheck: c.serverSideTokenCheck,
    })),
    SamlProviderARNs: p.samlProviderARNs,
    IdentityPoolTags: p.tags ?? {},
  };
}

/** Where each member of a pool call comes from in the file, relative to the entry. */
export const POOL_MEMBER_FIELDS: Readonly<Record<string, string>> = {
  IdentityPoolId: "id",
  IdentityPoolName: "name",
  IdentityPoolTags: "tags",
};

export function roleMappingsInput(mappings: PoolSpec["roleMappings"]): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(mappings ?? {}).map(([k, m]) => [
      k,
      {
        Type: m.type,
        AmbiguousRoleResolution: m.ambiguousRoleResolution,
        RulesConfiguration: m.rulesConfiguration && {
          Rules: m.rulesConfiguration.rules.map((r) => ({
            Claim: r.claim,
            MatchType: r.matchType,
            Value: r.value,
            RoleARN: r.roleARN,
          })),
        },
      },
    ]),
  );
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

function mappingFromAnswer(value: unknown): RoleMappingSpec | undefined {
  const m = recordOfAnswer(value);
  const type = MAPPING_TYPES.find((t) => t === m.Type);
  if (type === undefined) return undefined;
  const out: Writable<RoleMappingSpec> = { type };
  const ambiguous = AMBIGUOUS_ROLE_RESOLUTIONS.find((a) => a === m.AmbiguousRoleResolution);
  if (ambiguous !== undefined) out.ambiguousRoleResolution = ambiguous;
  type Rule = NonNullable<RoleMappingSpec["rulesConfiguration"]>["rules"][number];
  const rules = listOfAnswer(recordOfAnswer(m.RulesConfiguration).Rules).flatMap((r): Rule[] => {
    if (!isRecord(r)) return [];
    const matchType = MATCH_TYPES.find((t) => t === r.MatchType);
    if (matchType === undefined) return [];
    return [
      { claim: textOf(r.Claim) ?? "", matchType, value: textOf(r.Value) ?? "", roleARN: textOf(r.RoleARN) ?? "" },
    ];
  });
  if (rules.length > 0) out.rulesConfiguration = { rules };
  return out;
}

/** The pool as DescribeIdentityPool, GetIdentityPoolRoles and GetPrincipalTagAttributeMap answer it. */
export function poolFromAnswers(
  pool: Readonly<Record<string, unknown>>,
  roles: Readonly<Record<string, unknown>>,
  principalTags: Readonly<Record<string, PrincipalTagSpec>>,
): PoolSpec & { readonly id: string } {
  const r = textRecordOf(roles.Roles);
  const mappings = Object.fromEntries(
    Object.entries(recordOfAnswer(roles.RoleMappings)).flatMap(([k, v]) => {
      const m = mappingFromAnswer(v);
      return m ? [[k, m]] : [];
    }),
  );
  return {
    name: textOf(pool.IdentityPoolName) ?? "",
    id: textOf(pool.IdentityPoolId) ?? "",
    allowUnauthenticatedIdentities: flagOf(pool.AllowUnauthenticatedIdentities),
    allowClassicFlow: flagOf(pool.AllowClassicFlow),
    supportedLoginProviders: textRecordOf(pool.SupportedLoginProviders),
    ...(typeof pool.DeveloperProviderName === "string" ? { developerProviderName: pool.DeveloperProviderName } : {}),
    openIdConnectProviderARNs: textsOf(pool.OpenIdConnectProviderARNs),
    cognitoIdentityProviders: listOfAnswer(pool.CognitoIdentityProviders).flatMap((c) =>
      isRecord(c)
        ? [
            {
              providerName: textOf(c.ProviderName) ?? "",
              clientId: textOf(c.ClientId) ?? "",
              serverSideTokenCheck: flagOf(c.ServerSideTokenCheck),
            },
          ]
        : [],
    ),
    samlProviderARNs: textsOf(pool.SamlProviderARNs),
    roles: {
      ...(r.authenticated === undefined ? {} : { authenticated: r.authenticated }),
      ...(r.unauthenticated === undefined ? {} : { unauthenticated: r.unauthenticated }),
    },
    roleMappings: mappings,
    principalTags,
    tags: textRecordOf(pool.IdentityPoolTags),
  };
}

/**
 * The names SetPrincipalTagAttributeMap takes for the pool's providers (reference §3.7): an OIDC
 * provider by its ARN and by its name, public providers by their key, user pools by provider
 * name, SAML providers by ARN.
 */
export function principalTagNames(p: PoolSpec): string[] {
  const oidc = (p.openIdConnectProviderARNs ?? []).flatMap((arn) => {
    const name = /:oidc-provider\/(.+)$/.exec(arn)?.[1];
    return name === undefined ? [arn] : [arn, name];
  });
  return [
    ...oidc,
    ...Object.keys(p.supportedLoginProviders ?? {}),
    ...(p.cognitoIdentityProviders ?? []).map((c) => c.providerName),
    ...(p.samlProviderARNs ?? []),
  ];
}
