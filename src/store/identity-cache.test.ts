import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pool } from "../../test/support/records.js";
import { cachedStore } from "./cached-store.js";
import { IDENTITY_METHODS, IdentityReads } from "./identity-cache.js";
import type { IdentityRecord, LoginRecord } from "./records.js";
import { openSqliteStore } from "./sqlite/open.js";
import type { Repositories, Store } from "./store.js";

const POOL = "us-east-1:a";
const IDP = "https://idp.example";
const identity = (identityId: string): IdentityRecord => ({
  identityId,
  poolId: POOL,
  createdAtMs: 1,
  modifiedAtMs: 1,
  mergedInto: undefined,
  disabledAtMs: undefined,
});
const login = (identityId: string, subject: string, provider = IDP): LoginRecord => ({
  poolId: POOL,
  provider,
  subject,
  identityId,
});
const X = `${POOL}-x`;
const Y = `${POOL}-y`;
/** A guest: no logins, so one can be moved to it. */
const W = `${POOL}-w`;
const ALICE = { provider: IDP, subject: "alice" };

async function seeded(): Promise<{ inner: Store; store: Store }> {
  const inner = openSqliteStore(":memory:");
  await inner.migrate();
  await inner.pools.create(pool(POOL));
  for (const [id, subject] of [
    [X, "alice"],
    [Y, "bob"],
  ] as const) {
    await inner.identities.create(identity(id));
    await inner.logins.insert([login(id, subject)], 1);
  }
  await inner.identities.create(identity(W));
  return { inner, store: cachedStore(inner) };
}

/** The two cached reads, of identity X and of alice's login. */
const reads = async (repos: Repositories) => ({
  x: await repos.identities.getWithLogins(X),
  alice: await repos.logins.findByLogins(POOL, [ALICE]),
});

/** Every write of an identity or a login (and pools.delete), each changing what X or alice reads as. */
const WRITES: Record<string, (repos: Repositories) => Promise<unknown>> = {
  "identities.markMerged": (r) => r.identities.markMerged([X], Y, 5),
  "identities.touch": (r) => r.identities.touch(X, 5),
  "identities.disable": (r) => r.identities.disable(X, 5),
  "identities.delete": (r) => r.identities.delete([X]),
  "logins.insert": (r) => r.logins.insert([login(X, "alice", "https://other.example")], 5),
  "logins.moveAll": (r) => r.logins.moveAll([X], W),
  "logins.removeOne": (r) => r.logins.removeOne(POOL, IDP, "alice"),
  "logins.remove": (r) => r.logins.remove(X, [IDP]),
  "pools.delete": (r) => r.pools.delete(POOL),
};

describe("identity cache (cachedStore, this process the only writer)", () => {
  it("serves an identity with its logins and a one-login lookup from memory", async () => {
    const { inner, store } = await seeded();
    const before = await reads(store);
    expect(before.x?.logins).toHaveLength(1);
    expect(before.alice.map((l) => l.identityId)).toEqual([X]);
    // Behind the cache's back: proof that both reads were kept.
    await inner.identities.touch(X, 9);
    await inner.logins.moveAll([X], W);
    expect(await reads(store)).toEqual(before);
    await store.close();
  });

  it("keeps nothing it did not find: a new identity or login is read at once", async () => {
    const { inner, store } = await seeded();
    const Z = `${POOL}-z`;
    const carol = { provider: IDP, subject: "carol" };
    expect(await store.identities.getWithLogins(Z)).toBeUndefined();
    expect(await store.logins.findByLogins(POOL, [carol])).toEqual([]);
    await inner.identities.create(identity(Z));
    await inner.logins.insert([login(Z, "carol")], 1);
    expect((await store.identities.getWithLogins(Z))?.logins).toHaveLength(1);
    expect(await store.logins.findByLogins(POOL, [carol])).toHaveLength(1);
    await store.close();
  });

  it("reads a lookup of several logins fresh", async () => {
    const { inner, store } = await seeded();
    const both = [ALICE, { provider: IDP, subject: "bob" }];
    expect(await store.logins.findByLogins(POOL, both)).toHaveLength(2);
    await inner.logins.removeOne(POOL, IDP, "bob");
    expect(await store.logins.findByLogins(POOL, both)).toHaveLength(1);
    await store.close();
  });

  it("has a case for every write it classifies (create only adds, and a miss is never kept)", () => {
    const writes = Object.entries(IDENTITY_METHODS).flatMap(([repository, methods]) =>
      Object.entries(methods)
        .filter(([, kind]) => typeof kind === "function")
        .map(([method]) => `${repository}.${method}`),
    );
    expect([...writes, "pools.delete"].sort()).toEqual([...Object.keys(WRITES), "identities.create"].sort());
  });

  it.each(Object.keys(WRITES))("%s drops what it changes, outside and inside a transaction", async (name) => {
    const write = WRITES[name];
    if (!write) throw new Error(name);
    for (const inTransaction of [false, true]) {
      const { inner, store } = await seeded();
      const before = await reads(store);
      await (inTransaction ? store.transaction((tx) => write(tx)) : write(store));
      const now = await reads(inner);
      expect(now).not.toEqual(before);
      expect(await reads(store)).toEqual(now);
      await store.close();
    }
  });

  it("refuses a store whose identity repository has a method it does not classify", async () => {
    const inner = openSqliteStore(":memory:");
    const widened = { ...inner, logins: { ...inner.logins, purge: async () => {} } };
    expect(() => cachedStore(widened)).toThrow("logins.purge is not classified in store/identity-cache.ts");
    await inner.close();
  });

  it("caches nothing when other processes write the database", async () => {
    const dir = mkdtempSync(join(tmpdir(), "idpool-identity-cache-"));
    const writer = openSqliteStore(dir);
    await writer.migrate();
    await writer.pools.create(pool(POOL));
    await writer.identities.create(identity(X));
    const shared = cachedStore(openSqliteStore(dir), { sharedWithOtherProcesses: true });
    expect((await shared.identities.getWithLogins(X))?.logins).toEqual([]);
    await writer.logins.insert([login(X, "alice")], 1);
    expect((await shared.identities.getWithLogins(X))?.logins).toHaveLength(1);
    await Promise.all([writer.close(), shared.close()]);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe("IdentityReads", () => {
  const found = (id: string) => ({ identity: identity(id), logins: [] });

  it("holds at most its bound, the oldest going first", async () => {
    const cache = new IdentityReads(2);
    for (const id of ["a", "b", "c"]) await cache.getWithLogins(id, async () => found(id));
    expect(cache.size).toBe(2);
    let loads = 0;
    const load = async () => {
      loads++;
      return found("a");
    };
    await cache.getWithLogins("a", load);
    await cache.getWithLogins("c", load);
    expect(loads).toBe(1);
  });

  it("shares a read in flight, and forgets a failed one", async () => {
    const cache = new IdentityReads();
    let loads = 0;
    const failing = async () => {
      loads++;
      throw new Error("disk");
    };
    const [a, b] = [cache.getWithLogins("a", failing), cache.getWithLogins("a", failing)];
    await expect(a).rejects.toThrow("disk");
    await expect(b).rejects.toThrow("disk");
    expect(loads).toBe(1);
    expect(cache.size).toBe(0);
    expect(await cache.getWithLogins("a", async () => found("a"))).toEqual(found("a"));
  });

  it("keeps a newer read when an older one settles after a drop", async () => {
    const cache = new IdentityReads();
    let release: (v: undefined) => void = () => {};
    const old = cache.getWithLogins("a", () => new Promise((resolve) => (release = resolve)));
    cache.drop({ identities: ["a"] });
    await cache.getWithLogins("a", async () => found("a"));
    release(undefined);
    expect(await old).toBeUndefined();
    expect(cache.size).toBe(1);
  });
});
