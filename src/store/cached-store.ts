import type { Repositories, Store } from "./store.js";

type Getter<T> = (key: string) => Promise<T | undefined>;

/** A per-key read cache; writes through this process drop the key. */
class ReadCache<T> {
  private readonly entries = new Map<string, Promise<T | undefined>>();
  constructor(private readonly normalise: (key: string) => string = (k) => k) {}

  get(key: string, load: Getter<T>): Promise<T | undefined> {
    const k = this.normalise(key);
    let hit = this.entries.get(k);
    if (!hit) {
      hit = load(key);
      this.entries.set(k, hit);
      // A failed read must not stick.
      hit.catch(() => this.entries.delete(k));
    }
    return hit;
  }

  drop(key: string): void {
    this.entries.delete(this.normalise(key));
  }

  clear(): void {
    this.entries.clear();
  }
}

/**
 * Confirms the cache is current against the store's configuration version. Reads are batched:
 * a caller waits for a version read that started after it arrived (never one already in flight,
 * which could predate a write it must see), and every caller arriving meanwhile shares that read.
 */
class VersionGate {
  private seen: number | undefined;
  private inFlight: Promise<void> | undefined;
  private next: Promise<void> | undefined;

  constructor(
    private readonly read: () => Promise<number>,
    private readonly onChange: () => void,
  ) {}

  check(): Promise<void> {
    if (!this.inFlight) {
      this.inFlight = this.run().finally(() => {
        this.inFlight = undefined;
      });
      return this.inFlight;
    }
    // One is running but may have started before we arrived: queue behind it for a fresh read.
    this.next ??= this.inFlight.then(
      () => {
        this.next = undefined;
        return this.check();
      },
      () => {
        this.next = undefined;
        return this.check();
      },
    );
    return this.next;
  }

  private async run(): Promise<void> {
    const version = await this.read();
    if (this.seen !== undefined && version !== this.seen) this.onChange();
    this.seen = version;
  }
}

export interface CachedStoreOptions {
  /**
   * True when other processes write to the same database (PostgreSQL, or several workers on one
   * SQLite file): every cached read first checks the configuration version, so their admin changes
   * are seen by this process's next request. False when this process is the only writer.
   */
  readonly sharedWithOtherProcesses: boolean;
}

/**
 * Caches the configuration the hot paths read on every request (pools, OIDC providers, roles),
 * so GetId and GetCredentialsForIdentity touch the database only for identities. Every write made
 * through this store, in or out of a transaction, drops the cached key, so an admin change is
 * seen by the next request of this process; with `sharedWithOtherProcesses`, writes by other
 * processes are seen through the configuration version (VersionGate).
 */
export function cachedStore(inner: Store, options: CachedStoreOptions = { sharedWithOtherProcesses: false }): Store {
  const pools = new ReadCache<Awaited<ReturnType<Repositories["pools"]["get"]>>>();
  const providers = new ReadCache<Awaited<ReturnType<Repositories["oidcProviders"]["get"]>>>();
  const roles = new ReadCache<Awaited<ReturnType<Repositories["roles"]["get"]>>>((name) => name.toLowerCase());
  const gate = options.sharedWithOtherProcesses
    ? new VersionGate(
        () => inner.configVersion(),
        () => {
          pools.clear();
          providers.clear();
          roles.clear();
        },
      )
    : undefined;
  const fresh = async <T>(read: () => Promise<T>): Promise<T> => {
    if (gate) await gate.check();
    return read();
  };

  // Inside a transaction, reads go to the transaction itself: a check such as DeleteRole's "no
  // inline policies" must be made on the transaction's snapshot, so that PostgreSQL refuses the
  // delete when the role changed since (a cached copy may predate the snapshot). It also keeps a
  // transaction from waiting on a second connection while holding one.
  const wrap = (repos: Repositories, touched: Set<() => void>, inTransaction: boolean): Repositories => {
    const after = <A extends unknown[], R>(fn: (...args: A) => Promise<R>, drop: (...args: A) => void) => {
      return async (...args: A): Promise<R> => {
        drop(...args);
        touched.add(() => drop(...args));
        try {
          return await fn(...args);
        } finally {
          drop(...args);
        }
      };
    };
    return {
      ...repos,
      pools: {
        ...repos.pools,
        get: inTransaction ? repos.pools.get : (id) => fresh(() => pools.get(id, (k) => repos.pools.get(k))),
        create: after(repos.pools.create, (r) => pools.drop(r.poolId)),
        update: after(repos.pools.update, (r) => pools.drop(r.poolId)),
        delete: after(repos.pools.delete, (id) => pools.drop(id)),
      },
      oidcProviders: {
        ...repos.oidcProviders,
        get: inTransaction
          ? repos.oidcProviders.get
          : (arn) => fresh(() => providers.get(arn, (k) => repos.oidcProviders.get(k))),
        create: after(repos.oidcProviders.create, (r) => providers.drop(r.arn)),
        update: after(repos.oidcProviders.update, (r) => providers.drop(r.arn)),
        delete: after(repos.oidcProviders.delete, (arn) => providers.drop(arn)),
      },
      roles: {
        ...repos.roles,
        get: inTransaction ? repos.roles.get : (name) => fresh(() => roles.get(name, (k) => repos.roles.get(k))),
        create: after(repos.roles.create, (r) => roles.drop(r.roleName)),
        update: after(repos.roles.update, (r) => roles.drop(r.roleName)),
        delete: after(repos.roles.delete, (name) => roles.drop(name)),
      },
    };
  };

  const outside = wrap(inner, new Set(), false);
  return {
    ...inner,
    ...outside,
    async transaction(fn) {
      const touched = new Set<() => void>();
      try {
        return await inner.transaction((tx) => fn(wrap(tx, touched, true)));
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
