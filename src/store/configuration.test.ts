import { describe, expect, it } from "vitest";
import { openSqliteStore } from "./sqlite/open.js";
import type { Store } from "./store.js";
import { CALLS, everyMethod, invoke, seed } from "./test-support.js";

async function seeded(): Promise<Store> {
  const store = openSqliteStore(":memory:");
  await store.migrate();
  await seed(store);
  return store;
}

/** How much `call` moved the configuration version. */
async function bumpsBy(store: Store, call: () => Promise<unknown>): Promise<number> {
  const before = await store.configVersion();
  await call();
  return (await store.configVersion()) - before;
}

describe("the configuration version, derived from CONFIGURATION", () => {
  it.each(everyMethod())("$name ($kind) moves it by one for a write, by none for a read", async (c) => {
    const store = await seeded();
    expect(await bumpsBy(store, () => invoke(store, c))).toBe(c.kind === "write" ? 1 : 0);
    await store.close();
  });

  it.each(everyMethod().filter((c) => c.kind === "write"))("$name in a transaction moves it by one", async (c) => {
    const store = await seeded();
    expect(await bumpsBy(store, () => store.transaction((tx) => invoke(tx, c)))).toBe(1);
    await store.close();
  });

  it("is not moved by writes that changed nothing, nor by a write rolled back", async () => {
    const store = await seeded();
    const seededVersion = await store.configVersion();
    const stale = CALLS.roles.update.args;
    expect(await bumpsBy(store, () => store.roles.update(stale[0], stale[1] + 1))).toBe(0);
    expect(await bumpsBy(store, () => store.roles.create(CALLS.roles.update.args[0]))).toBe(0);
    expect(await bumpsBy(store, () => store.oidcProviders.delete("arn:aws:iam::000000000000:oidc-provider/x"))).toBe(0);
    const rolledBack = store.transaction(async (tx) => {
      await tx.roles.delete("Reader");
      throw new Error("roll back");
    });
    await expect(rolledBack).rejects.toThrow("roll back");
    expect(await store.configVersion()).toBe(seededVersion);
    expect(await store.roles.get("Reader")).toMatchObject({ roleName: "Reader" });
    await store.close();
  });
});
