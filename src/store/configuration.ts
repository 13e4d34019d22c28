import type { Repositories } from "./store.js";

/**
 * Which repositories hold configuration, and what each of their methods does to it. This one
 * declaration drives both the read cache (cached-store.ts: which reads it serves, which writes
 * drop which key) and the configuration version that every configuration write bumps so that
 * other processes on the same database (DESIGN.md, "Storage") drop theirs (withConfigVersionBump
 * below, applied by sql/kysely-store.ts). A method added to a repository interface in store.ts
 * fails type-check here until it is classified, and a repository added to `Repositories` fails
 * until it is placed in CONFIGURATION or NOT_CONFIGURATION.
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
    },
  },
} satisfies { readonly [K in keyof Repositories]?: RepositoryConfiguration<Repositories[K]> };

export type ConfigRepositoryName = keyof typeof CONFIGURATION;

/** The other repositories, and why none of them is configuration that needs the cache or the version. */
export const NOT_CONFIGURATION = {
  identities: "per-user data, read fresh on every request",
  logins: "per-user data, read fresh on every request",
  settings: "the root credentials, stored once by the first process (first writer wins) and read at start",
  signingKeys: "SigningKeySet (tokens) reloads its keys on a timer and on an unknown kid",
  sealingKeys: "the STS Keyring reloads its keys on a timer and on an unknown key id",
} as const satisfies Record<Exclude<keyof Repositories, ConfigRepositoryName>, string>;

/** CONFIGURATION[name], typed by its repository (the `satisfies` above checks each entry so). */
export function configurationOf<K extends ConfigRepositoryName>(name: K): RepositoryConfiguration<Repositories[K]> {
  return CONFIGURATION[name] as unknown as RepositoryConfiguration<Repositories[K]>;
}

type Method = (...args: unknown[]) => Promise<unknown>;
type KeyedRead = (key: string) => Promise<unknown>;

/** What to put in place of each kind of method (the cache's, or the version bump's). */
export interface MethodWrappers {
  read(method: Method): Method;
  cachedRead(method: KeyedRead, name: string): KeyedRead;
  write(method: Method, keyOf: (...args: unknown[]) => string): Method;
}

type MethodKind = typeof READ | typeof CACHED_READ | Write<unknown[]>;

/** Each table's entries, worked out once: repositories are rebuilt on every transaction. */
const entriesByTable = new WeakMap<
  object,
  { readonly all: ReadonlySet<string>; readonly entries: [string, MethodKind][] }
>();

function entriesOf(methods: object): { readonly all: ReadonlySet<string>; readonly entries: [string, MethodKind][] } {
  let found = entriesByTable.get(methods);
  if (!found) {
    // Per-method types were checked against the table above; here each method is handled by kind.
    const entries = Object.entries(methods as Readonly<Record<string, MethodKind>>);
    found = { all: new Set(entries.map(([name]) => name)), entries };
    entriesByTable.set(methods, found);
  }
  return found;
}

/**
 * Throws when a configuration repository of `repos` has a method the table does not list: a store
 * assembled where the type system could not see (a spread, a cast) would otherwise lose it.
 * Checked once when a wrapper is built, not per transaction (transactions rebuild repositories).
 */
export function assertEveryMethodClassified(repos: Repositories): void {
  for (const where of Object.keys(CONFIGURATION) as ConfigRepositoryName[]) {
    const { all } = entriesOf(CONFIGURATION[where].methods);
    for (const name of Object.keys(repos[where])) {
      if (!all.has(name)) throw new Error(`${where}.${name} is not classified in store/configuration.ts`);
    }
  }
}

/** Rebuilds `repo` method by method as `config` classifies it; nothing is spread through. */
export function mapMethods<R extends object>(
  where: string,
  repo: R,
  config: RepositoryConfiguration<R>,
  wrap: MethodWrappers,
): R {
  const methods = repo as unknown as Readonly<Record<string, Method | undefined>>;
  const { entries } = entriesOf(config.methods);
  const out: Record<string, Method> = {};
  for (const [name, kind] of entries) {
    const method = methods[name];
    if (!method) throw new Error(`${where}.${name} is missing from the store`);
    if (kind === READ) out[name] = wrap.read(method);
    else if (kind === CACHED_READ) out[name] = wrap.cachedRead(method, name) as Method;
    else out[name] = wrap.write(method, kind.writes);
  }
  return out as unknown as R;
}

/** Applies `fn` to each configuration repository; the object literal lists them all (type-checked). */
export function mapConfigRepositories(
  repos: Repositories,
  fn: <K extends ConfigRepositoryName>(name: K, repo: Repositories[K]) => Repositories[K],
): { readonly [K in ConfigRepositoryName]: Repositories[K] } {
  return {
    pools: fn("pools", repos.pools),
    oidcProviders: fn("oidcProviders", repos.oidcProviders),
    roles: fn("roles", repos.roles),
  };
}

const passThrough = <F>(method: F): F => method;

/**
 * `repos` with every configuration write bumping the configuration version (through `bump`, on
 * the same connection or transaction) when it changed something. Other processes compare the
 * version to drop their caches (cached-store.ts, VersionGate).
 */
export function withConfigVersionBump(repos: Repositories, bump: () => Promise<void>): Repositories {
  const bumping: MethodWrappers = {
    read: passThrough,
    cachedRead: passThrough,
    write:
      (method) =>
      async (...args) => {
        const result = await method(...args);
        if (result !== false) await bump();
        return result;
      },
  };
  return {
    ...repos,
    ...mapConfigRepositories(repos, (name, repo) => mapMethods(name, repo, configurationOf(name), bumping)),
  };
}
