import type { IdentityPoolRecord, OidcProviderRecord, RoleRecord } from "../../src/store/index.js";

/** Records for the store contract tests. */
export const provider = (url: string): OidcProviderRecord => ({
  arn: `arn:aws:iam::000000000000:oidc-provider/${url.replace(/^https:\/\//, "")}`,
  url,
  clientIds: ["a"],
  thumbprints: [],
  tags: [],
  createdAtMs: 1_700_000_000_123,
  version: 1,
});

export const role = (roleName: string): RoleRecord => ({
  roleName,
  roleId: "AROAAAAAAAAAAAAAAAAAA",
  arn: `arn:aws:iam::000000000000:role/${roleName}`,
  path: "/",
  assumeRolePolicyDocument: "{}",
  description: undefined,
  maxSessionDurationSeconds: 3600,
  tags: [],
  inlinePolicies: {},
  createdAtMs: 1,
  version: 1,
});

export const pool = (poolId: string, over: Partial<IdentityPoolRecord> = {}): IdentityPoolRecord => ({
  poolId,
  name: "p",
  allowUnauthenticated: false,
  allowClassicFlow: false,
  supportedLoginProviders: {},
  developerProviderName: undefined,
  openIdConnectProviderArns: [],
  cognitoIdentityProviders: [],
  samlProviderArns: [],
  tags: {},
  roles: {},
  roleMappings: {},
  principalTagMaps: {},
  createdAtMs: 5,
  version: 1,
  ...over,
});
