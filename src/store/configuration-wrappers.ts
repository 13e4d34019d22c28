import {
  CACHED_READ,
  CONFIGURATION,
  type ConfigRepositoryName,
  configurationOf,
  READ,
  type RepositoryConfiguration,
  type Write,
} from "./configuration.js";
import type { Repositories } from "./store.js";

/**
 * Builds repositories from the classification in configuration.ts, one method at a time, for the
 * read cache (cached-store.ts) and the configuration version bump (sql/kysely-store.ts).
 */

type Method = (...args: unknown[]) => Promise<unknown>;
type KeyedRead = (key: string) => Promise<unknown>;

/** What to put in place of each kind of method (the cache's, or the version bump's). */
export interface MethodWrappers {
  read(method: Method): Method;
  cachedRead(method: KeyedRead, name: string): KeyedRead;
  write(method: Method, keyOf: (...args: unknown[]) => string): Method;
}

type MethodKind = typeof READ | typeof CACHED_READ | Write<unknown[]>;

interface TableEntries {
  readonly all: ReadonlySet<string>;
  readonly entries: readonly (readonly [string, MethodKind])[];
}
/** Each table's entries, worked out once: repositories are rebuilt on every transaction. */
const entriesByTable = new WeakMap<object, TableEntries>();

function entriesOf(methods: object): TableEntries {
  let found = entriesByTable.get(methods);
  if (!found) {
    // Each method's type was checked against its signature in configuration.ts; here only kinds matter.
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
    policies: fn("policies", repos.policies),
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
