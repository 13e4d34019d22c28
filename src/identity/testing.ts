import { type Operation, validateInput } from "../protocol/index.js";
import { type IdSource, ManualClock, oidcProviderArn, roleArn } from "../shared/index.js";
import { openSqliteStore, type RoleRecord, type Store } from "../store/index.js";
import type { IdentityDeps } from "./deps.js";

/**
 * Test helpers for this module's unit tests and the cognito e2e tests: deterministic deps over an
 * in-memory store, and IAM objects seeded straight into the store. Not used by production code.
 */
export const TEST_ACCOUNT = "000000000000";
export const TEST_REGION = "us-east-1";

/** Ids `00000000-0000-4000-8000-00000000000N`, counting up. */
export function countingIds(): IdSource {
  let n = 0;
  return {
    uuid: () => `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, "0")}`,
    bytes: (length) => Buffer.alloc(length, n),
  };
}

export async function memoryDeps(): Promise<IdentityDeps> {
  const store = openSqliteStore(":memory:");
  await store.migrate();
  return {
    store,
    clock: new ManualClock(Date.UTC(2024, 0, 1)),
    ids: countingIds(),
    region: TEST_REGION,
    accountId: TEST_ACCOUNT,
  };
}

/** Runs an operation the way dispatch does after authentication: validate, then handle. */
export async function call(op: Operation, input: unknown): Promise<unknown> {
  const log = { info() {}, warn() {}, error() {}, debug() {} };
  return op.handle(validateInput(op.input, input), { requestId: "test-request", log });
}

/** Seeds an IAM role; returns its ARN. */
export async function seedRole(store: Store, roleName: string, accountId = TEST_ACCOUNT, path = "/"): Promise<string> {
  const arn = roleArn(accountId, path, roleName);
  const record: RoleRecord = {
    roleName,
    roleId: `AROA${roleName
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, "")
      .padEnd(17, "X")
      .slice(0, 17)}`,
    arn,
    path,
    assumeRolePolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [] }),
    description: undefined,
    maxSessionDurationSeconds: 3600,
    tags: [],
    inlinePolicies: {},
    createdAtMs: Date.UTC(2024, 0, 1),
    version: 1,
  };
  if (!(await store.roles.create(record))) throw new Error(`role ${roleName} already exists`);
  return arn;
}

/** Seeds an IAM OpenID Connect provider for `https://<hostAndPath>`; returns its ARN. */
export async function seedOidcProvider(store: Store, hostAndPath: string, accountId = TEST_ACCOUNT): Promise<string> {
  const arn = oidcProviderArn(accountId, hostAndPath);
  const created = await store.oidcProviders.create({
    arn,
    url: `https://${hostAndPath}`,
    clientIds: ["test-client"],
    thumbprints: [],
    tags: [],
    createdAtMs: Date.UTC(2024, 0, 1),
    version: 1,
  });
  if (!created) throw new Error(`provider ${hostAndPath} already exists`);
  return arn;
}
