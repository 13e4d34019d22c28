/**
 * The per-user read cache of a store that no other process writes (cachedStore without
 * `sharedWithOtherProcesses`): the two lookups of the hot paths, `identities.getWithLogins`
 * (GetCredentialsForIdentity, GetOpenIdToken) and `logins.findByLogins` of one login (GetId).
 * Each is one indexed SQLite query, yet in a busy server it runs with cold CPU caches: 30–37 µs
 * where the same query in a loop takes 8–10 µs (bench/HISTORY.md), a fifth to a third of
 * GetId's CPU. With other processes writing the same database nothing is cached here: identities
 * change with every sign-up, so no version check could keep such a cache useful.
 *
 * What keeps it exact: only records found are kept (a miss is read again, so a new identity or
 * login needs no drop), every write through this store drops what it may change before and after
 * it runs (and again after its transaction ends), and a write whose reach is not known precisely
 * clears everything. Each method of the two repositories is classified below, and the type
 * system fails a method added to their interfaces until it is.
 */
import { OldestFirst } from "../shared/index.js";
import { droppingAround } from "./read-cache.js";
import type { LoginRecord } from "./records.js";
import type { IdentityRepository, LoginKey, LoginRepository, Repositories } from "./store.js";

/** What a write may change: these identities' and logins' cached reads, or anything (`all`). */
export type Reach = "all" | { readonly identities?: readonly string[]; readonly logins?: readonly LoginRecord[] };

type Classes<R> = {
  readonly [M in keyof R]-?: R[M] extends (...args: infer A) => Promise<unknown>
    ? "read" | "cached" | ((...args: A) => Reach)
    : never;
};

const IDENTITIES: Classes<IdentityRepository> = {
  create: (record) => ({ identities: [record.identityId] }),
  get: "read",
  getWithLogins: "cached",
  countInPool: "read",
  list: "read",
  markMerged: () => "all",
  touch: (identityId) => ({ identities: [identityId] }),
  disable: (identityId) => ({ identities: [identityId] }),
  delete: () => "all",
};

const LOGINS: Classes<LoginRepository> = {
  findByLogin: "read",
  findByLogins: "cached",
  listForIdentity: "read",
  listForIdentities: "read",
  insert: (logins) => ({ identities: logins.map((l) => l.identityId), logins }),
  moveAll: () => "all",
  removeOne: () => "all",
  remove: () => "all",
};

/** The classification, for tests that enumerate every write. */
export const IDENTITY_METHODS = { identities: IDENTITIES, logins: LOGINS } as const;

/** Enough for the users active within minutes on a busy server; a few hundred bytes each. */
export const MAX_CACHED_USERS = 20_000;

type WithLogins = Awaited<ReturnType<IdentityRepository["getWithLogins"]>>;

/** A bounded map of reads in flight or done, keeping only those `keep` accepts once they settle. */
class KeptReads<T> {
  private readonly entries = new Map<string, Promise<T>>();
  private readonly oldest = new OldestFirst(this.entries);
  constructor(private readonly max: number) {}

  get(key: string, load: () => Promise<T>, keep: (value: T) => boolean): Promise<T> {
    const hit = this.entries.get(key);
    if (hit) return hit;
    const read = load();
    this.oldest.makeRoom(this.max);
    this.entries.set(key, read);
    // Only this read's own entry goes: a write may have dropped it and a newer read taken its place.
    const forget = () => this.entries.get(key) === read && this.entries.delete(key);
    read.then((value) => keep(value) || forget(), forget);
    return read;
  }

  drop(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

const loginKey = (poolId: string, login: LoginKey) => JSON.stringify([poolId, login.provider, login.subject]);

export class IdentityReads {
  private readonly withLogins: KeptReads<WithLogins>;
  private readonly byLogin: KeptReads<readonly LoginRecord[]>;

  constructor(max = MAX_CACHED_USERS) {
    this.withLogins = new KeptReads(max);
    this.byLogin = new KeptReads(max);
  }

  getWithLogins(identityId: string, load: () => Promise<WithLogins>): Promise<WithLogins> {
    return this.withLogins.get(identityId, load, (found) => found !== undefined);
  }

  /** Lookups of several logins at once are rare (a logins map with two providers) and read fresh. */
  findByLogins(poolId: string, logins: readonly LoginKey[], load: () => Promise<readonly LoginRecord[]>) {
    const [only] = logins;
    if (logins.length !== 1 || !only) return load();
    return this.byLogin.get(loginKey(poolId, only), load, (found) => found.length > 0);
  }

  drop(reach: Reach): void {
    if (reach === "all") {
      this.withLogins.clear();
      this.byLogin.clear();
      return;
    }
    for (const id of reach.identities ?? []) this.withLogins.drop(id);
    for (const login of reach.logins ?? []) this.byLogin.drop(loginKey(login.poolId, login));
  }

  /** Entries held (tests). */
  get size(): number {
    return this.withLogins.size + this.byLogin.size;
  }
}

type Method = (...args: unknown[]) => Promise<unknown>;

/**
 * `repos` with the identity and login repositories read through `reads`, and `pools.delete`
 * (which deletes a pool's identities with it) clearing it. In a transaction (`touched` given)
 * reads go to the transaction itself, as cachedStore's do, and each write's drop runs again
 * after it ends: a read between the write and the commit may have kept the old value.
 */
export function readingThrough(
  repos: Repositories,
  reads: IdentityReads,
  touched: Set<() => void> | undefined,
): Pick<Repositories, "identities" | "logins" | "pools"> {
  const write =
    (method: Method, reachOf: (...args: unknown[]) => Reach): Method =>
    (...args) => {
      const reach = reachOf(...args);
      return droppingAround(
        () => reads.drop(reach),
        touched,
        () => method(...args),
      );
    };
  const cached = (name: string, method: Method): Method => {
    if (touched) return method;
    if (name === "getWithLogins")
      return (identityId) => reads.getWithLogins(identityId as string, () => method(identityId) as Promise<WithLogins>);
    if (name !== "findByLogins") throw new Error(`${name}: identity-cache.ts has no cache for it`);
    return (poolId, logins) =>
      reads.findByLogins(
        poolId as string,
        logins as readonly LoginKey[],
        () => method(poolId, logins) as Promise<readonly LoginRecord[]>,
      );
  };
  const through = <R extends object>(where: string, repo: R, classes: Classes<R>): R => {
    const methods = repo as unknown as Readonly<Record<string, Method | undefined>>;
    for (const name of Object.keys(repo)) {
      if (!(name in classes)) throw new Error(`${where}.${name} is not classified in store/identity-cache.ts`);
    }
    const out: Record<string, Method> = {};
    for (const [name, kind] of Object.entries(classes as Readonly<Record<string, unknown>>)) {
      const method = methods[name];
      if (!method) throw new Error(`${where}.${name} is missing from the store`);
      if (kind === "read") out[name] = method;
      else if (kind === "cached") out[name] = cached(name, method);
      else out[name] = write(method, kind as (...args: unknown[]) => Reach);
    }
    return out as unknown as R;
  };
  return {
    identities: through("identities", repos.identities, IDENTITIES),
    logins: through("logins", repos.logins, LOGINS),
    pools: { ...repos.pools, delete: write(repos.pools.delete as Method, () => "all") as typeof repos.pools.delete },
  };
}
