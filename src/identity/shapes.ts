import { bool, type Infer, int, list, map, required, str, struct } from "../protocol/index.js";

/**
 * Model shapes shared by the Cognito Identity operations (reference §2.1, botocore cognito-identity
 * 2014-06-30). Patterns are written as AWS prints them in ValidationException messages.
 * The `…Wire` types are derived from the shapes: what a handler receives once validation passed.
 * Optional members are absent when not sent or sent as JSON null (the validator leaves them out).
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
export const loginsMap = map(identityProviderName, str({ min: 1, max: 50000, noControlCharacters: true }), { max: 10 });
export const arnString = str({ min: 20, max: 2048 });
export const queryLimit = int({ min: 1, max: 60 });
export const paginationKey = str({ min: 1, max: 65535, pattern: "[\\S]+" });

const identityProviderId = str({ min: 1, max: 128, pattern: "[\\w.;_/-]+" });
export const identityProviders = map(identityProviderName, identityProviderId, { max: 10 });
/** DeveloperUserIdentifier (reference §2.1): 1–1024 characters; an identity's login, so printable. */
export const developerUserIdentifier = str({ min: 1, max: 1024, noControlCharacters: true });
export const developerProviderName = str({ min: 1, max: 128, pattern: "[\\w._-]+" });

export const cognitoIdentityProvider = struct({
  ProviderName: str({ min: 1, max: 128, pattern: "[\\w._:/-]+" }),
  ClientId: str({ min: 1, max: 128, pattern: "[\\w_]+" }),
  ServerSideTokenCheck: bool(),
});
export type CognitoIdentityProviderWire = Infer<typeof cognitoIdentityProvider>;

export const tagKey = str({ min: 1, max: 128 });
export const identityPoolTags = map(tagKey, str({ min: 0, max: 256 }));

/** Members of CreateIdentityPoolInput; UpdateIdentityPool takes these plus IdentityPoolId (§2.2). */
const poolConfigMembers = {
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

/** CreateIdentityPoolInput. */
export const poolConfig = struct(poolConfigMembers);
export type PoolConfigWire = Infer<typeof poolConfig>;

/** IdentityPool: UpdateIdentityPool's input. */
export const identityPool = struct({ IdentityPoolId: required(identityPoolId), ...poolConfigMembers });
export type IdentityPoolWire = Infer<typeof identityPool>;

export const MAPPING_RULE_MATCH_TYPES = ["Equals", "Contains", "StartsWith", "NotEqual"] as const;
export const ROLE_MAPPING_TYPES = ["Token", "Rules"] as const;
export const AMBIGUOUS_ROLE_RESOLUTIONS = ["AuthenticatedRole", "Deny"] as const;

export const rolesMap = map(str({ min: 1, max: 128, pattern: "(un)?authenticated" }), arnString, { max: 2 });

export const mappingRule = struct({
  Claim: required(str({ min: 1, max: 64, pattern: "[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+" })),
  MatchType: required(str({ enum: MAPPING_RULE_MATCH_TYPES })),
  Value: required(str({ min: 1, max: 128 })),
  RoleARN: required(arnString),
});
export type MappingRuleWire = Infer<typeof mappingRule>;

export const roleMapping = struct({
  Type: required(str({ enum: ROLE_MAPPING_TYPES })),
  AmbiguousRoleResolution: str({ enum: AMBIGUOUS_ROLE_RESOLUTIONS }),
  // The model allows 400 rules; the service caps them at 25 per provider (checked in role-mappings.ts).
  RulesConfiguration: struct({ Rules: required(list(mappingRule, { min: 1, max: 400 })) }),
});
export type RoleMappingWire = Infer<typeof roleMapping>;

export const roleMappingMap = map(identityProviderName, roleMapping, { max: 10 });

export const principalTags = map(str({ min: 1, max: 128 }), str({ min: 1, max: 256 }), { max: 50 });

export type MappingRuleMatchType = (typeof MAPPING_RULE_MATCH_TYPES)[number];
export type RoleMappingType = (typeof ROLE_MAPPING_TYPES)[number];
export type AmbiguousRoleResolution = (typeof AMBIGUOUS_ROLE_RESOLUTIONS)[number];
