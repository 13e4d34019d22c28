import { bool, int, list, map, required, str, struct } from "../protocol/index.js";

/**
 * Model shapes shared by the Cognito Identity operations (reference §2.1, botocore cognito-identity
 * 2014-06-30). Patterns are written as AWS prints them in ValidationException messages.
 * The interfaces below mirror the shapes: they are what a handler receives once validation passed.
 */
export const identityPoolId = str({ min: 1, max: 55, pattern: "[\\w-]+:[0-9a-f-]+" });
export const identityPoolName = str({ min: 1, max: 128, pattern: "[\\w\\s+=,.@-]+" });
export const identityProviderName = str({ min: 1, max: 128 });
/** IdentityId (reference §2.1): `REGION:GUID`. */
export const identityId = str({ min: 1, max: 55, pattern: "[\\w-]+:[0-9a-f-]+" });
/**
 * LoginsMap (reference §2.1): at most ten logins, of tokens up to 50,000 characters. The model's
 * length bound applies to every operation that takes a Logins map, so more than ten is the
 * ValidationException AWS's front end answers, wherever it is sent.
 */
export const loginsMap = map(identityProviderName, str({ min: 1, max: 50000 }), { max: 10 });
export const arnString = str({ min: 20, max: 2048 });
export const queryLimit = int({ min: 1, max: 60 });
export const paginationKey = str({ min: 1, max: 65535, pattern: "[\\S]+" });

const identityProviderId = str({ min: 1, max: 128, pattern: "[\\w.;_/-]+" });
export const identityProviders = map(identityProviderName, identityProviderId, { max: 10 });
export const developerProviderName = str({ min: 1, max: 128, pattern: "[\\w._-]+" });

export const cognitoIdentityProvider = struct({
  ProviderName: str({ min: 1, max: 128, pattern: "[\\w._:/-]+" }),
  ClientId: str({ min: 1, max: 128, pattern: "[\\w_]+" }),
  ServerSideTokenCheck: bool(),
});

export const tagKey = str({ min: 1, max: 128 });
export const identityPoolTags = map(tagKey, str({ min: 0, max: 256 }));

/** Members of CreateIdentityPoolInput; UpdateIdentityPool takes these plus IdentityPoolId (§2.2). */
export const poolConfigMembers = {
  IdentityPoolName: required(identityPoolName),
  AllowUnauthenticatedIdentities: required(bool()),
  AllowClassicFlow: bool(),
  SupportedLoginProviders: identityProviders,
  DeveloperProviderName: developerProviderName,
  OpenIdConnectProviderARNs: list(arnString),
  CognitoIdentityProviders: list(cognitoIdentityProvider),
  SamlProviderARNs: list(arnString),
  IdentityPoolTags: identityPoolTags,
};

export const MAPPING_RULE_MATCH_TYPES = ["Equals", "Contains", "StartsWith", "NotEqual"] as const;
export const ROLE_MAPPING_TYPES = ["Token", "Rules"] as const;
export const AMBIGUOUS_ROLE_RESOLUTIONS = ["AuthenticatedRole", "Deny"] as const;

export const rolesMap = map(str({ min: 1, max: 128, pattern: "(un)?authenticated" }), arnString, { max: 2 });

const mappingRule = struct({
  Claim: required(str({ min: 1, max: 64, pattern: "[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+" })),
  MatchType: required(str({ enum: MAPPING_RULE_MATCH_TYPES })),
  Value: required(str({ min: 1, max: 128 })),
  RoleARN: required(arnString),
});

const roleMapping = struct({
  Type: required(str({ enum: ROLE_MAPPING_TYPES })),
  AmbiguousRoleResolution: str({ enum: AMBIGUOUS_ROLE_RESOLUTIONS }),
  // The model allows 400 rules; the service caps them at 25 per provider (checked in role-mappings.ts).
  RulesConfiguration: struct({ Rules: required(list(mappingRule, { min: 1, max: 400 })) }),
});

export const roleMappingMap = map(identityProviderName, roleMapping, { max: 10 });

export const principalTags = map(str({ min: 1, max: 128 }), str({ min: 1, max: 256 }), { max: 50 });

// Wire types. Optional members may also arrive as JSON null (the validator lets null through as
// "absent"), so handlers read them with `??`.

export type MappingRuleMatchType = (typeof MAPPING_RULE_MATCH_TYPES)[number];
export type RoleMappingType = (typeof ROLE_MAPPING_TYPES)[number];
export type AmbiguousRoleResolution = (typeof AMBIGUOUS_ROLE_RESOLUTIONS)[number];

export interface CognitoIdentityProviderWire {
  readonly ProviderName?: string | undefined;
  readonly ClientId?: string | undefined;
  readonly ServerSideTokenCheck?: boolean | undefined;
}

export interface PoolConfigWire {
  readonly IdentityPoolName: string;
  readonly AllowUnauthenticatedIdentities: boolean;
  readonly AllowClassicFlow?: boolean | undefined;
  readonly SupportedLoginProviders?: Readonly<Record<string, string>> | undefined;
  readonly DeveloperProviderName?: string | undefined;
  readonly OpenIdConnectProviderARNs?: readonly string[] | undefined;
  readonly CognitoIdentityProviders?: readonly CognitoIdentityProviderWire[] | undefined;
  readonly SamlProviderARNs?: readonly string[] | undefined;
  readonly IdentityPoolTags?: Readonly<Record<string, string>> | undefined;
}

export interface IdentityPoolWire extends PoolConfigWire {
  readonly IdentityPoolId: string;
}

export interface MappingRuleWire {
  readonly Claim: string;
  readonly MatchType: MappingRuleMatchType;
  readonly Value: string;
  readonly RoleARN: string;
}

export interface RoleMappingWire {
  readonly Type: RoleMappingType;
  readonly AmbiguousRoleResolution?: AmbiguousRoleResolution | undefined;
  readonly RulesConfiguration?: { readonly Rules: readonly MappingRuleWire[] } | undefined;
}
