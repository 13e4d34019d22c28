import type { Repositories } from "./store.js";

/**
 * Which repositories hold configuration, and what each of their methods does to it. This one
 * declaration drives both the read cache (cached-store.ts: which reads it serves, which writes
 * drop which key) and the configuration version that every configuration write bumps so that
 * other processes on the same database (DESIGN.md, "Storage") drop theirs: withConfigVersionBump
 * in configuration-wrappers.ts, applied by sql/kysely-store.ts. A method added to a repository
 * interface in store.ts fails type-check here until it is classified, and a repository added to
 * `Repositories` fails until it is placed in CONFIGURATION or NOT_CONFIGURATION.
 */

/** A read the cache does not serve: it goes to the store every time (listings and counts for admin APIs). */
export const READ = "read";
/** A read by one key that the cache serves outside transactions (the hot paths' lookups). */
export const CACHED_READ = "cached read";

/**
 * A configuration write. `writes` names the key (as the cached reads take it) of the record the
 * write may change. It answers false when it changed nothing (a stale version, a missing row, a
 * name taken); a write answering nothing either changed a row or threw.
 */
export interface Write<A extends unknown[]> {
  readonly writes: (...args: A) => string;
}

/**
 * What one method may be classified as; only the shapes that fit its signature type-check: a
 * cached read takes one string key and may find nothing, a write answers a boolean or nothing.
 */
export type MethodClass<F> = F extends (...args: infer A) => Promise<infer T>
  ?
      | typeof READ
      | (A extends [string] ? (undefined extends T ? typeof CACHED_READ : never) : never)
      | (F extends (...args: A) => Promise<boolean> | Promise<void> ? Write<A> : never)
  : never;

export interface RepositoryConfiguration<R> {
  /** Maps a key to the form under which equal keys are cached once (case-insensitive names). */
  readonly sameKey?: (key: string) => string;
  readonly methods: { readonly [M in keyof R]-?: MethodClass<R[M]> };
}

export const CONFIGURATION = {
  pools: {
    methods: {
      create: { writes: (r) => r.poolId },
      get: CACHED_READ,
      list: READ,
      count: READ,
      update: { writes: (r) => r.poolId },
      delete: { writes: (poolId) => poolId },
    },
  },
  oidcProviders: {
    methods: {
      create: { writes: (r) => r.arn },
      get: CACHED_READ,
      list: READ,
      count: READ,
      update: { writes: (r) => r.arn },
      delete: { writes: (arn) => arn },
    },
  },
  roles: {
    // IAM role names are unique without regard to case (the SQL key column is lower-cased alike).
    sameKey: (name) => name.toLowerCase(),
    methods: {
      create: { writes: (r) => r.roleName },
      get: CACHED_READ,
      list: READ,
      update: { writes: (r) => r.roleName },
      delete: { writes: (roleName) => roleName },
      // The cached role carries its attached policy ARNs, so attaching changes the role's key.
      attachPolicy: { writes: (roleName) => roleName },
      detachPolicy: { writes: (roleName) => roleName },
    },
  },
  policies: {
    // Keyed by ARN; the cached record holds no attachment count (that is counted fresh), so
    // attaching a policy need not drop it.
    methods: {
      create: { writes: (r) => r.arn },
      get: CACHED_READ,
      list: READ,
      update: { writes: (r) => r.arn },
      delete: { writes: (arn) => arn },
      attachmentCount: READ,
      attachmentCounts: READ,
    },
  },
} satisfies { readonly [K in keyof Repositories]?: RepositoryConfiguration<Repositories[K]> };

export type ConfigRepositoryName = keyof typeof CONFIGURATION;

/** The other repositories, and why none of them is configuration that needs the cache or the version. */
export const NOT_CONFIGURATION = {
  identities: "per-user data: cached only where no other process writes it (identity-cache.ts)",
  logins: "per-user data: cached only where no other process writes it (identity-cache.ts)",
  settings: "the root credentials, stored once by the first process (first writer wins) and read at start",
  signingKeys: "SigningKeySet (tokens) reloads its keys on a timer and on an unknown kid",
  sealingKeys: "the STS Keyring reloads its keys on a timer and on an unknown key id",
  revocations: "the STS RevocationList reloads them on a timer, so no request reads them",
} as const satisfies Record<Exclude<keyof Repositories, ConfigRepositoryName>, string>;

/** CONFIGURATION[name], typed by its repository (the `satisfies` above checks each entry so). */
export function configurationOf<K extends ConfigRepositoryName>(name: K): RepositoryConfiguration<Repositories[K]> {
  return CONFIGURATION[name] as unknown as RepositoryConfiguration<Repositories[K]>;
}
