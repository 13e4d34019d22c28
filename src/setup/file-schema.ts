import { flag, type Infer, integer, jsonObject, listOf, object, recordOf, text, textOrObject } from "./schema-kit.js";

/**
 * The setup file. Members are the API's, in lowerCamelCase (`allowUnauthenticatedIdentities`,
 * `openIdConnectProviderARNs`, `roleARN`); ARNs are written in full, as the API takes them. The
 * enums are the model's (Cognito Identity 2014-06-30 MappingRule, RoleMapping) so editors offer
 * them; every other constraint is the operation's own, checked when the file is applied.
 */
const tags = recordOf(text(), { description: "Tags, key to value." });

const provider = object(
  { url: text({ description: "The issuer URL, `https://host[/path]`, exactly as the tokens' `iss`." }) },
  {
    clientIds: listOf(text(), { description: "Audiences (`aud`) accepted from this provider." }),
    thumbprints: listOf(text(), {
      description:
        "SHA-1 fingerprints (40 hex digits) of a certificate in the provider's chain; none: the trust store.",
    }),
    tags,
  },
  { description: "An IAM OpenID Connect provider (CreateOpenIDConnectProvider)." },
);

const policy = textOrObject({ description: "A policy document: a JSON object, or its text." });

const role = object(
  { name: text({ description: "RoleName." }), trustPolicy: policy },
  {
    path: text({ description: "Path, `/` unless given; IAM cannot change it later." }),
    description: text(),
    maxSessionDuration: integer({ description: "MaxSessionDuration in seconds, 3600 unless given." }),
    inlinePolicies: recordOf(policy, { description: "Inline policies (PutRolePolicy), name to document." }),
    tags,
  },
  { description: "An IAM role (CreateRole); an entry declares the whole role." },
);

/** The model's enums (Cognito Identity MappingRule.MatchType, RoleMapping.Type). */
export const MATCH_TYPES = ["Equals", "Contains", "StartsWith", "NotEqual"] as const;
export const MAPPING_TYPES = ["Token", "Rules"] as const;
export const AMBIGUOUS_ROLE_RESOLUTIONS = ["AuthenticatedRole", "Deny"] as const;

const rule = object(
  {
    claim: text(),
    matchType: text({ enum: MATCH_TYPES }),
    value: text(),
    roleARN: text(),
  },
  {},
);

const roleMapping = object(
  { type: text({ enum: MAPPING_TYPES }) },
  {
    ambiguousRoleResolution: text({ enum: AMBIGUOUS_ROLE_RESOLUTIONS }),
    rulesConfiguration: object({ rules: listOf(rule) }, {}),
  },
);

const principalTagMap = object(
  {},
  {
    useDefaults: flag({ description: "Map `username` and `client` from the provider's default claims." }),
    principalTags: recordOf(text(), { description: "Tag key to the claim its value is taken from." }),
  },
  { description: "SetPrincipalTagAttributeMap for this provider." },
);

const pool = object(
  {
    name: text({ description: "IdentityPoolName." }),
    allowUnauthenticatedIdentities: flag(),
  },
  {
    id: text({ description: "Pin the pool id (`REGION:GUID`); otherwise the pool is found by name." }),
    allowClassicFlow: flag(),
    supportedLoginProviders: recordOf(text()),
    developerProviderName: text(),
    openIdConnectProviderARNs: listOf(text()),
    cognitoIdentityProviders: listOf(
      object({ providerName: text(), clientId: text() }, { serverSideTokenCheck: flag() }),
    ),
    samlProviderARNs: listOf(text()),
    roles: object({}, { authenticated: text(), unauthenticated: text() }, { description: "Role ARNs." }),
    roleMappings: recordOf(roleMapping, { description: "By provider name, as SetIdentityPoolRoles takes them." }),
    principalTags: recordOf(principalTagMap, { description: "By provider name." }),
    tags,
  },
  { description: "A Cognito identity pool (CreateIdentityPool, SetIdentityPoolRoles)." },
);

const testProvider = object(
  { name: text({ description: "The provider's name, in its URL `/dev/idp/<name>/`." }) },
  {
    clientIds: listOf(text()),
    users: listOf(
      object(
        { sub: text({ description: "The user's subject, the `sub` claim." }) },
        { claims: jsonObject({ description: "More claims of the user's tokens." }) },
      ),
    ),
  },
  { description: "`idpool dev` only: a built-in test OpenID provider." },
);

export const SETUP_TAG_KEY = "idpool:setup";
export const DEFAULT_SETUP_NAME = "setup";

export const setupFile = object(
  {},
  {
    $schema: text({ description: "Where editors find this file's JSON Schema." }),
    name: text({
      pattern: "[A-Za-z0-9_.:/=+@-]{1,128}",
      description: `The value of the \`${SETUP_TAG_KEY}\` tag on what this file creates ("${DEFAULT_SETUP_NAME}" unless given).`,
    }),
    openIdConnectProviders: listOf(provider),
    roles: listOf(role),
    identityPools: listOf(pool),
    testProviders: listOf(testProvider),
  },
  { description: "An idpool setup file (`idpool setup apply FILE`, `--setup FILE`)." },
);

export type SetupFile = Infer<typeof setupFile>;
export type ProviderSpec = Infer<typeof provider>;
export type RoleSpec = Infer<typeof role>;
export type PoolSpec = Infer<typeof pool>;
export type RoleMappingSpec = Infer<typeof roleMapping>;
export type PrincipalTagSpec = Infer<typeof principalTagMap>;
export type TestProviderSpec = Infer<typeof testProvider>;
