import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { role as roleRecord } from "../../test/support/records.js";
import { cachedStore } from "./cached-store.js";
import { CONFIGURATION, type RepositoryConfiguration } from "./configuration.js";
import type { RoleRecord } from "./records.js";
import { openSqliteStore } from "./sqlite/open.js";
import type { IdentityPoolRepository, Store } from "./store.js";
import { CALLS, everyMethod, getByKey, invoke, type MethodCase, seed } from "./test-support.js";

const role: RoleRecord = roleRecord("Reader");

describe("cachedStore", () => {
  it("serves repeated reads from memory and sees writes made through it, in or out of transactions", async () => {
    const inner = openSqliteStore(":memory:");
    await inner.migrate();
    const store = cachedStore(inner);
    await store.roles.create(role);
    expect((await store.roles.get("reader"))?.maxSessionDurationSeconds).toBe(3600);
    // A write behind the cache's back is not seen: proof that the read was cached.
    await inner.roles.update({ ...role, maxSessionDurationSeconds: 7200 }, 1);
    expect((await store.roles.get("Reader"))?.maxSessionDurationSeconds).toBe(3600);
    // A write through the cache is seen at once.
    await store.roles.update({ ...role, maxSessionDurationSeconds: 9000 }, 2);
    expect((await store.roles.get("Reader"))?.maxSessionDurationSeconds).toBe(9000);
    await store.transaction(async (tx) => {
      const current = await tx.roles.get("Reader");
      if (!current) throw new Error("missing");
      await tx.roles.update({ ...current, maxSessionDurationSeconds: 10800 }, current.version);
    });
    expect((await store.roles.get("Reader"))?.maxSessionDurationSeconds).toBe(10800);
    await store.roles.delete("READER");
    expect(await store.roles.get("Reader")).toBeUndefined();
    await store.close();
  });
});

describe("cachedStore in transactions", () => {
  it("reads through to the transaction, so checks are made on what the transaction sees", async () => {
    const inner = openSqliteStore(":memory:");
    await inner.migrate();
    const store = cachedStore(inner);
    await store.roles.create(role);
    expect((await store.roles.get("Reader"))?.inlinePolicies).toEqual({});
    // Another writer adds a policy; the cache outside transactions still has the old role.
    await inner.roles.update({ ...role, inlinePolicies: { p: "{}" } }, 1);
    expect((await store.roles.get("Reader"))?.inlinePolicies).toEqual({});
    const seen = await store.transaction(async (tx) => (await tx.roles.get("Reader"))?.inlinePolicies);
    expect(seen).toEqual({ p: "{}" });
    await store.close();
  });
});

describe("cachedStore shared with other processes", () => {
  it("sees a configuration write made by another process on the next read", async () => {
    const dir = mkdtempSync(join(tmpdir(), "idpool-cache-"));
    const writer = cachedStore(openSqliteStore(dir));
    await writer.migrate();
    const reader = cachedStore(openSqliteStore(dir), { sharedWithOtherProcesses: true });
    const lonely = cachedStore(openSqliteStore(dir));
    await writer.roles.create(role);
    expect((await reader.roles.get("Reader"))?.maxSessionDurationSeconds).toBe(3600);
    expect((await lonely.roles.get("Reader"))?.maxSessionDurationSeconds).toBe(3600);
    await writer.roles.update({ ...role, maxSessionDurationSeconds: 7200 }, 1);
    expect((await reader.roles.get("Reader"))?.maxSessionDurationSeconds).toBe(7200);
    // Without the version check the cache would still answer the old value.
    expect((await lonely.roles.get("Reader"))?.maxSessionDurationSeconds).toBe(3600);
    const many = await Promise.all(Array.from({ length: 20 }, () => reader.roles.get("Reader")));
    expect(many.every((r) => r?.maxSessionDurationSeconds === 7200)).toBe(true);
    await Promise.all([writer.close(), reader.close(), lonely.close()]);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe("cachedStore covers every configuration method", () => {
  const writes = everyMethod().filter((c) => c.kind === "write");

  async function seeded(): Promise<{ inner: Store; store: Store }> {
    const inner = openSqliteStore(":memory:");
    await inner.migrate();
    await seed(inner);
    return { inner, store: cachedStore(inner) };
  }

  /** Caches the old value, runs `write`, and proves the next cached read sees the new one. */
  async function expectSeen(c: MethodCase, write: (store: Store) => Promise<unknown>): Promise<void> {
    const { inner, store } = await seeded();
    const before = await getByKey(store, c.repository, c.key);
    await write(store);
    const now = await getByKey(inner, c.repository, c.key);
    expect(now).not.toEqual(before);
    expect(await getByKey(store, c.repository, c.key)).toEqual(now);
    await store.close();
  }

  it("has a call for every method the configuration classifies, and classifies every write", () => {
    expect(writes.map((c) => c.name)).toEqual([
      "pools.create",
      "pools.update",
      "pools.delete",
      "oidcProviders.create",
      "oidcProviders.update",
      "oidcProviders.delete",
      "roles.create",
      "roles.update",
      "roles.delete",
      "roles.attachPolicy",
      "roles.detachPolicy",
      "policies.create",
      "policies.update",
      "policies.delete",
    ]);
    expect(everyMethod()).toHaveLength(Object.values(CALLS).reduce((n, methods) => n + Object.keys(methods).length, 0));
  });

  it.each(writes)("$name outside a transaction drops the cached read", async (c) => {
    await expectSeen(c, (store) => invoke(store, c));
  });

  it.each(writes)("$name inside a transaction drops the cached read", async (c) => {
    await expectSeen(c, (store) => store.transaction((tx) => invoke(tx, c)));
  });

  it("refuses a store whose configuration repository has a method the configuration does not classify", async () => {
    const inner = openSqliteStore(":memory:");
    const widened = { ...inner, pools: { ...inner.pools, rename: async () => true } };
    // The old spread passed such a method through, uncached and never dropping anything.
    expect(() => cachedStore(widened)).toThrow("pools.rename is not classified in store/configuration.ts");
    await inner.close();
  });

  it("fails type-check for a repository method that is not classified", () => {
    interface RenamingPools extends IdentityPoolRepository {
      rename(poolId: string, name: string): Promise<boolean>;
    }
    // @ts-expect-error: `rename` is missing from the table, so this must not type-check.
    const renaming: RepositoryConfiguration<RenamingPools>["methods"] = CONFIGURATION.pools.methods;
    // @ts-expect-error: a count is no write (a write answers whether it changed anything).
    const countAsWrite: RepositoryConfiguration<IdentityPoolRepository>["methods"]["count"] = { writes: () => "" };
    expect(Object.keys(renaming)).not.toContain("rename");
    expect(countAsWrite).toEqual({ writes: expect.any(Function) });
  });
});
