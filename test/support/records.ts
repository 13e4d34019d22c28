import { oidcProviderArn, policyArn, roleArn } from "../../src/shared/index.js";
import type { IdentityPoolRecord, OidcProviderRecord, PolicyRecord, RoleRecord, Store } from "../../src/store/index.js";

/**
 * Store records for tests: builders with fixed values (the store contract suite compares whole
 * records, so the values are part of what it asserts), and seeders that write IAM objects straight
 * into a store for tests of the code that reads them.
 */
export const TEST_ACCOUNT = "000000000000";

/** The instant the seeders stamp on records and `fixedClock()` starts at. */
export const TEST_NOW_MS = Date.UTC(2024, 0, 1);

export const provider = (url: string, over: Partial<OidcProviderRecord> = {}): OidcProviderRecord => ({
  arn: oidcProviderArn(TEST_ACCOUNT, url.replace(/^https:\/\//, "")),
  url,
  clientIds: ["a"],
  thumbprints: [],
  tags: [],
  createdAtMs: 1_700_000_000_123,
  version: 1,
  ...over,
});

export const role = (roleName: string, over: Partial<RoleRecord> = {}): RoleRecord => ({
  roleName,
  roleId: "AROAAAAAAAAAAAAAAAAAA",
  arn: roleArn(TEST_ACCOUNT, "/", roleName),
  path: "/",
  assumeRolePolicyDocument: "{}",
  description: undefined,
  maxSessionDurationSeconds: 3600,
  tags: [],
  inlinePolicies: {},
  attachedPolicyArns: [],
  createdAtMs: 1,
  version: 1,
  ...over,
});

export const policy = (policyName: string, over: Partial<PolicyRecord> = {}): PolicyRecord => ({
  arn: policyArn(TEST_ACCOUNT, "/", policyName),
  policyName,
  policyId: "ANPAAAAAAAAAAAAAAAAAA",
  path: "/",
  description: undefined,
  tags: [],
  versions: [{ versionId: "v1", document: "{}", createdAtMs: 1_700_000_000_456 }],
  defaultVersionId: "v1",
  nextVersionNumber: 2,
  createdAtMs: 1_700_000_000_456,
  version: 1,
  ...over,
});

/** What Create/UpdateIdentityPool set when only a name is given (reference §2.4 defaults). */
export const poolConfigDefaults = (name: string) => ({
  name,
  allowUnauthenticated: false,
  allowClassicFlow: false,
  supportedLoginProviders: {},
  developerProviderName: undefined,
  openIdConnectProviderArns: [],
  cognitoIdentityProviders: [],
  samlProviderArns: [],
});

export const pool = (poolId: string, over: Partial<IdentityPoolRecord> = {}): IdentityPoolRecord => ({
  poolId,
  ...poolConfigDefaults("p"),
  tags: {},
  roles: {},
  roleMappings: {},
  principalTagMaps: {},
  createdAtMs: 5,
  version: 1,
  ...over,
});

/** Seeds an IAM role with an empty trust policy and an id derived from its name; returns its ARN. */
export async function seedRole(store: Store, roleName: string, accountId = TEST_ACCOUNT, path = "/"): Promise<string> {
  const record = role(roleName, {
    roleId: `AROA${roleName
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, "")
      .padEnd(17, "X")
      .slice(0, 17)}`,
    arn: roleArn(accountId, path, roleName),
    path,
    assumeRolePolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [] }),
    createdAtMs: TEST_NOW_MS,
  });
  if (!(await store.roles.create(record))) throw new Error(`role ${roleName} already exists`);
  return record.arn;
}

/** Seeds an IAM OpenID Connect provider for `https://<hostAndPath>` with client `test-client`; returns its ARN. */
export async function seedOidcProvider(store: Store, hostAndPath: string, accountId = TEST_ACCOUNT): Promise<string> {
  const record = provider(`https://${hostAndPath}`, {
    arn: oidcProviderArn(accountId, hostAndPath),
    clientIds: ["test-client"],
    createdAtMs: TEST_NOW_MS,
  });
  if (!(await store.oidcProviders.create(record))) throw new Error(`provider ${hostAndPath} already exists`);
  return record.arn;
}
