import { CONFIGURATION, type ConfigRepositoryName, configurationOf } from "./configuration.js";
import {
  assertEveryMethodClassified,
  type MethodWrappers,
  mapConfigRepositories,
  mapMethods,
} from "./configuration-wrappers.js";
import { IdentityReads, readingThrough } from "./identity-cache.js";
import { droppingAround, RepositoryCache, VersionGate } from "./read-cache.js";
import type { Repositories, Store } from "./store.js";

export interface CachedStoreOptions {
  /**
   * True when other processes write to the same database (PostgreSQL, or several workers on one
   * SQLite file): every cached read first checks the configuration version, so their admin changes
   * are seen by this process's next request; identities and logins are then not cached at all.
   * False when this process is the only writer.
   */
  readonly sharedWithOtherProcesses: boolean;
  /**
   * With `sharedWithOtherProcesses`: how long a version read stays good, so that other processes'
   * changes are seen within this long rather than on the next read (VersionGate). Default 0.
   */
  readonly versionCheckIntervalMs?: number;
}

/**
 * Caches the configuration the hot paths read on every request (pools, OIDC providers, roles),
 * so GetId and GetCredentialsForIdentity touch the database only for identities, and, when no
 * other process writes the database, those identities too (identity-cache.ts). What is cached
 * and which writes drop which key is declared in configuration.ts, which the type system holds
 * to the repository interfaces. Every write made through this store, in or out of a transaction,
 * drops the cached key, so an admin change is seen by the next request of this process; with
 * `sharedWithOtherProcesses`, writes by other processes are seen through the configuration
 * version (VersionGate).
 */
export function cachedStore(inner: Store, options: CachedStoreOptions = { sharedWithOtherProcesses: false }): Store {
  assertEveryMethodClassified(inner);
  const caches = new Map(
    (Object.keys(CONFIGURATION) as ConfigRepositoryName[]).map((name) => [
      name,
      new RepositoryCache(configurationOf(name).sameKey),
    ]),
  );
  const gate = options.sharedWithOtherProcesses
    ? new VersionGate(
        () => inner.configVersion(),
        () => {
          for (const cache of caches.values()) cache.clear();
        },
        options.versionCheckIntervalMs ?? 0,
      )
    : undefined;
  const fresh = async <T>(read: () => Promise<T>): Promise<T> => {
    if (gate) await gate.check();
    return read();
  };

  // Identities and logins only when no other process writes them (identity-cache.ts).
  const identityReads = options.sharedWithOtherProcesses ? undefined : new IdentityReads();

  // Inside a transaction (`touched` given), reads go to the transaction itself: a check such as
  // DeleteRole's "no inline policies" must be made on the transaction's snapshot, so that
  // PostgreSQL refuses the delete when the role changed since (a cached copy may predate the
  // snapshot). It also keeps a transaction from waiting on a second connection while holding one.
  const wrap = (repos: Repositories, touched: Set<() => void> | undefined): Repositories => {
    const wrappers = (cache: RepositoryCache): MethodWrappers => ({
      read: (method) => method,
      cachedRead: (method, name) => (touched ? method : (key) => fresh(() => cache.of(name).get(key, method))),
      write:
        (method, keyOf) =>
        (...args) => {
          const key = keyOf(...args);
          return droppingAround(
            () => cache.drop(key),
            touched,
            () => method(...args),
          );
        },
    });
    const configured: Repositories = {
      ...repos,
      ...mapConfigRepositories(repos, (name, repo) =>
        mapMethods(name, repo, configurationOf(name), wrappers(caches.get(name)!)),
      ),
    };
    return identityReads ? { ...configured, ...readingThrough(configured, identityReads, touched) } : configured;
  };

  const outside = wrap(inner, undefined);
  return {
    ...inner,
    ...outside,
    async transaction(fn) {
      const touched = new Set<() => void>();
      try {
        return await inner.transaction((tx) => fn(wrap(tx, touched)));
      } finally {
        // Drop again after commit or rollback: a read between the write and the commit may have
        // cached the old value.
        for (const drop of touched) drop();
      }
    },
    migrate: () => inner.migrate(),
    configVersion: () => inner.configVersion(),
    ping: () => inner.ping(),
    close: () => inner.close(),
  };
}
