import { describe, expect, it } from "vitest";
import { cachedStore } from "./cached-store.js";
import type { RoleRecord } from "./records.js";
import { openSqliteStore } from "./sqlite/open.js";

const role: RoleRecord = {
  roleName: "Reader",
  roleId: "AROAAAAAAAAAAAAAAAAAA",
  arn: "arn:aws:iam::000000000000:role/Reader",
  path: "/",
  assumeRolePolicyDocument: "{}",
  description: undefined,
  maxSessionDurationSeconds: 3600,
  tags: [],
  inlinePolicies: {},
  createdAtMs: 1,
  version: 1,
};

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
