/**
 * Test support (not used by the service): one call of every method of the configuration
 * repositories, so the cache and version-bump tests enumerate every method, not the ones someone
 * remembered. `CALLS` is typed to need every method, as CONFIGURATION is.
 */
import { policy, pool, provider, role } from "../../test/support/records.js";
import { CACHED_READ, CONFIGURATION, type ConfigRepositoryName, READ } from "./configuration.js";
import type { Repositories } from "./store.js";

interface Call<A> {
  readonly args: A;
  /** The key under which a cached read finds what the call touched (the case differs for roles). */
  readonly key: string;
}

type Calls = {
  readonly [K in ConfigRepositoryName]: {
    readonly [M in keyof Repositories[K]]-?: Call<
      Repositories[K][M] extends (...args: infer A) => Promise<unknown> ? A : never
    >;
  };
};

/** What `seed` stores: every call below finds these, and changes them or adds beside them. */
export const SEEDED = {
  pools: pool("us-east-1:a"),
  oidcProviders: provider("https://a.example"),
  roles: role("Reader"),
  policies: policy("Unattached"),
};

/** A second role and policy, attached to each other, for detachPolicy to find. */
const ATTACHED = { role: role("Holder"), policy: policy("Held") };

export async function seed(repos: Repositories): Promise<void> {
  await repos.pools.create(SEEDED.pools);
  await repos.oidcProviders.create(SEEDED.oidcProviders);
  await repos.roles.create(SEEDED.roles);
  await repos.policies.create(SEEDED.policies);
  await repos.roles.create(ATTACHED.role);
  await repos.policies.create(ATTACHED.policy);
  await repos.roles.attachPolicy(ATTACHED.role.roleName, ATTACHED.policy.arn);
}

const A = SEEDED.pools.poolId;
const ARN = SEEDED.oidcProviders.arn;
const POLICY = SEEDED.policies.arn;

/** Each write changes something when made once on a freshly seeded store. */
export const CALLS: Calls = {
  pools: {
    create: { args: [pool("us-east-1:b")], key: "us-east-1:b" },
    get: { args: [A], key: A },
    list: { args: [10, undefined], key: A },
    count: { args: [], key: A },
    update: { args: [{ ...SEEDED.pools, name: "renamed" }, 1], key: A },
    delete: { args: [A], key: A },
  },
  oidcProviders: {
    create: { args: [provider("https://b.example")], key: provider("https://b.example").arn },
    get: { args: [ARN], key: ARN },
    list: { args: [], key: ARN },
    count: { args: [], key: ARN },
    update: { args: [{ ...SEEDED.oidcProviders, clientIds: ["b"] }, 1], key: ARN },
    delete: { args: [ARN], key: ARN },
  },
  roles: {
    create: { args: [role("Writer")], key: "WRITER" },
    get: { args: ["Reader"], key: "reader" },
    list: { args: [], key: "Reader" },
    update: { args: [{ ...SEEDED.roles, maxSessionDurationSeconds: 7200 }, 1], key: "READER" },
    delete: { args: ["reader"], key: "Reader" },
    attachPolicy: { args: ["Reader", POLICY], key: "READER" },
    detachPolicy: { args: ["holder", ATTACHED.policy.arn], key: "Holder" },
  },
  policies: {
    create: { args: [policy("Other")], key: policy("Other").arn },
    get: { args: [POLICY], key: POLICY },
    list: { args: [], key: POLICY },
    update: { args: [{ ...SEEDED.policies, defaultVersionId: "v1", nextVersionNumber: 3 }, 1], key: POLICY },
    delete: { args: [POLICY], key: POLICY },
    attachmentCount: { args: [POLICY], key: POLICY },
    attachmentCounts: { args: [], key: POLICY },
  },
};

export interface MethodCase {
  /** `repository.method`, for test names. */
  readonly name: string;
  readonly repository: ConfigRepositoryName;
  readonly method: string;
  readonly kind: "read" | "cached read" | "write";
  readonly args: readonly unknown[];
  readonly key: string;
}

/** Every method of every configuration repository, as CONFIGURATION classifies it, with its call. */
export function everyMethod(): MethodCase[] {
  return (Object.keys(CONFIGURATION) as ConfigRepositoryName[]).flatMap((repository) =>
    Object.entries(CONFIGURATION[repository].methods as Readonly<Record<string, unknown>>).map(([method, kind]) => {
      const call = (CALLS[repository] as Readonly<Record<string, Call<readonly unknown[]>>>)[method];
      if (!call) throw new Error(`CALLS.${repository}.${method} is missing`);
      return {
        name: `${repository}.${method}`,
        repository,
        method,
        kind: kind === READ || kind === CACHED_READ ? kind : "write",
        ...call,
      };
    }),
  );
}

/** Calls `repository.method(...args)` on `repos`, whichever method it is. */
export function invoke(repos: Repositories, c: MethodCase): Promise<unknown> {
  const methods = repos[c.repository] as unknown as Readonly<Record<string, (...args: unknown[]) => Promise<unknown>>>;
  const fn = methods[c.method];
  if (!fn) throw new Error(`${c.repository}.${c.method} is not a method`);
  return fn(...c.args);
}

/** The cached read of `repository` by `key` (every configuration repository has `get`). */
export function getByKey(repos: Repositories, repository: ConfigRepositoryName, key: string): Promise<unknown> {
  return repos[repository].get(key);
}
