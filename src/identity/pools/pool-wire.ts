import type {
  IdentityPoolRecord,
  MappingRuleRecord,
  PrincipalTagMapRecord,
  RoleMappingRecord,
} from "../../store/index.js";
import type { CognitoIdentityProviderWire, MappingRuleWire, RoleMappingWire } from "../shapes.js";

/**
 * The one place where pool records meet AWS member names on the way out. AWS echoes only the
 * members that are set (reference §2.4 CreateIdentityPool example); AllowClassicFlow is a plain
 * boolean, so it is always present.
 */
export interface IdentityPoolOutput {
  readonly IdentityPoolId: string;
  readonly IdentityPoolName: string;
  readonly AllowUnauthenticatedIdentities: boolean;
  readonly AllowClassicFlow: boolean;
  readonly SupportedLoginProviders?: Readonly<Record<string, string>> | undefined;
  readonly DeveloperProviderName?: string | undefined;
  readonly OpenIdConnectProviderARNs?: readonly string[] | undefined;
  readonly CognitoIdentityProviders?: readonly CognitoIdentityProviderWire[] | undefined;
  readonly SamlProviderARNs?: readonly string[] | undefined;
  readonly IdentityPoolTags?: Readonly<Record<string, string>> | undefined;
}

const nonEmptyMap = <T>(m: Readonly<Record<string, T>>): Readonly<Record<string, T>> | undefined =>
  Object.keys(m).length > 0 ? m : undefined;

const nonEmptyList = <T>(l: readonly T[]): readonly T[] | undefined => (l.length > 0 ? l : undefined);

export function poolToWire(pool: IdentityPoolRecord): IdentityPoolOutput {
  return {
    IdentityPoolId: pool.poolId,
    IdentityPoolName: pool.name,
    AllowUnauthenticatedIdentities: pool.allowUnauthenticated,
    AllowClassicFlow: pool.allowClassicFlow,
    SupportedLoginProviders: nonEmptyMap(pool.supportedLoginProviders),
    DeveloperProviderName: pool.developerProviderName,
    OpenIdConnectProviderARNs: nonEmptyList(pool.openIdConnectProviderArns),
    CognitoIdentityProviders: nonEmptyList(
      pool.cognitoIdentityProviders.map((p) => ({
        ProviderName: p.providerName,
        ClientId: p.clientId,
        ServerSideTokenCheck: p.serverSideTokenCheck,
      })),
    ),
    SamlProviderARNs: nonEmptyList(pool.samlProviderArns),
    IdentityPoolTags: nonEmptyMap(pool.tags),
  };
}

const ruleToWire = (r: MappingRuleRecord): MappingRuleWire => ({
  Claim: r.claim,
  MatchType: r.matchType,
  Value: r.value,
  RoleARN: r.roleArn,
});

export function roleMappingToWire(m: RoleMappingRecord): RoleMappingWire {
  return {
    Type: m.type,
    ...(m.ambiguousRoleResolution ? { AmbiguousRoleResolution: m.ambiguousRoleResolution } : {}),
    ...(m.rules ? { RulesConfiguration: { Rules: m.rules.map(ruleToWire) } } : {}),
  };
}

export function roleMappingFromWire(m: RoleMappingWire): RoleMappingRecord {
  // RulesConfiguration only means something for Rules mappings (reference §2.4); a Token mapping
  // ignores it rather than failing, so templates that carry an empty one still apply.
  const rules = m.Type === "Rules" ? m.RulesConfiguration?.Rules : undefined;
  return {
    type: m.Type,
    ambiguousRoleResolution: m.AmbiguousRoleResolution,
    rules: rules?.map((r) => ({ claim: r.Claim, matchType: r.MatchType, value: r.Value, roleArn: r.RoleARN })),
  };
}

export function principalTagMapToWire(poolId: string, providerName: string, m: PrincipalTagMapRecord) {
  return {
    IdentityPoolId: poolId,
    IdentityProviderName: providerName,
    UseDefaults: m.useDefaults,
    PrincipalTags: nonEmptyMap(m.tags),
  };
}
