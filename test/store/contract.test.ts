import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../../src/store/index.js";
import { pool, provider, role } from "../support/records.js";
import { ENGINES, POSTGRES_SKIPPED } from "./engines.js";

if (POSTGRES_SKIPPED) {
  describe("store contract on postgresql", () => {
    it.skip(`skipped: ${POSTGRES_SKIPPED}`, () => {});
  });
}

for (const engine of ENGINES) {
  describe(`store contract on ${engine.name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await engine.open();
    });
    afterEach(async () => {
      await store.close();
    });

    it("creates an OIDC provider once per ARN and keeps 64-bit timestamps exact", async () => {
      expect(await store.oidcProviders.create(provider("https://a.example"))).toBe(true);
      expect(await store.oidcProviders.create(provider("https://a.example"))).toBe(false);
      const got = await store.oidcProviders.get(provider("https://a.example").arn);
      expect(got).toEqual(provider("https://a.example"));
      expect(await store.oidcProviders.count()).toBe(1);
    });

    it("updates only from the version that was read", async () => {
      const p = provider("https://b.example");
      await store.oidcProviders.create(p);
      expect(await store.oidcProviders.update({ ...p, clientIds: ["x"] }, 1)).toBe(true);
      expect(await store.oidcProviders.update({ ...p, clientIds: ["y"] }, 1)).toBe(false);
      expect(await store.oidcProviders.get(p.arn)).toMatchObject({ clientIds: ["x"], version: 2 });
    });

    it("keeps role names unique without regard to case", async () => {
      expect(await store.roles.create(role("Admin"))).toBe(true);
      expect(await store.roles.create(role("ADMIN"))).toBe(false);
      expect((await store.roles.get("admin"))?.roleName).toBe("Admin");
      expect(await store.roles.delete("aDmIn")).toBe(true);
      expect(await store.roles.get("Admin")).toBeUndefined();
    });

    it("pages pools in id order", async () => {
      for (const id of ["us-east-1:c", "us-east-1:a", "us-east-1:b"]) await store.pools.create(pool(id));
      const first = await store.pools.list(2, undefined);
      expect(first.items.map((p) => p.poolId)).toEqual(["us-east-1:a", "us-east-1:b"]);
      expect(first.nextAfter).toBe("us-east-1:b");
      const second = await store.pools.list(2, first.nextAfter);
      expect(second.items.map((p) => p.poolId)).toEqual(["us-east-1:c"]);
      expect(second.nextAfter).toBeUndefined();
    });

    it("deletes a pool with its identities", async () => {
      await store.pools.create(pool("us-east-1:d"));
      await store.identities.create({
        identityId: "us-east-1:i1",
        poolId: "us-east-1:d",
        createdAtMs: 1,
        modifiedAtMs: 1,
        mergedInto: undefined,
        disabledAtMs: undefined,
      });
      expect(await store.identities.countInPool("us-east-1:d")).toBe(1);
      expect(await store.pools.delete("us-east-1:d")).toBe(true);
      expect(await store.identities.get("us-east-1:i1")).toBeUndefined();
      expect(await store.pools.delete("us-east-1:d")).toBe(false);
    });

    it("rolls a transaction back when it throws", async () => {
      await expect(
        store.transaction(async (tx) => {
          await tx.pools.create(pool("us-east-1:e"));
          throw new Error("boom");
        }),
      ).rejects.toThrow("boom");
      expect(await store.pools.get("us-east-1:e")).toBeUndefined();
    });

    it("keeps the first value of a setting", async () => {
      expect(await store.settings.putIfAbsent("k", "one")).toBe("one");
      expect(await store.settings.putIfAbsent("k", "two")).toBe("one");
      expect(await store.settings.get("k")).toBe("one");
      expect(await store.settings.get("missing")).toBeUndefined();
    });

    it("reads 64-bit columns and counts as numbers", async () => {
      await store.pools.create(pool("us-east-1:n"));
      await store.identities.create({
        identityId: "us-east-1:i",
        poolId: "us-east-1:n",
        createdAtMs: 1_700_000_000_001,
        modifiedAtMs: 1_700_000_000_002,
        mergedInto: undefined,
        disabledAtMs: undefined,
      });
      await store.identities.disable("us-east-1:i", 1_700_000_000_003);
      expect(await store.identities.get("us-east-1:i")).toEqual({
        identityId: "us-east-1:i",
        poolId: "us-east-1:n",
        createdAtMs: 1_700_000_000_001,
        modifiedAtMs: 1_700_000_000_003,
        mergedInto: undefined,
        disabledAtMs: 1_700_000_000_003,
      });
      expect(await store.pools.count()).toBe(1);
      expect(await store.identities.countInPool("us-east-1:n")).toBe(1);
      expect(await store.configVersion()).toBe(1);
      await store.sealingKeys.add({ keyId: "s", secret: "c2VjcmV0", createdAtMs: 1_700_000_000_004 });
      expect(await store.sealingKeys.listSince(0)).toEqual([
        { keyId: "s", secret: "c2VjcmV0", createdAtMs: 1_700_000_000_004 },
      ]);
    });

    it("keeps one revocation per target, with the later time, and lists those after a time", async () => {
      const at = 1_700_000_000_000;
      await store.revocations.put({
        scope: "identity",
        target: "us-east-1:i",
        issuedBeforeMs: at + 5,
        createdAtMs: at,
      });
      // An earlier time never moves a revocation back; a later one moves it on.
      await store.revocations.put({
        scope: "identity",
        target: "us-east-1:i",
        issuedBeforeMs: at + 1,
        createdAtMs: at,
      });
      await store.revocations.put({
        scope: "pool",
        target: "us-east-1:i",
        issuedBeforeMs: at + 2,
        createdAtMs: at + 2,
      });
      await store.revocations.put({
        scope: "pool",
        target: "us-east-1:p",
        issuedBeforeMs: at + 3,
        createdAtMs: at + 3,
      });
      await store.revocations.put({
        scope: "pool",
        target: "us-east-1:p",
        issuedBeforeMs: at + 9,
        createdAtMs: at + 4,
      });
      expect(await store.revocations.listSince(at + 2)).toEqual([
        { scope: "identity", target: "us-east-1:i", issuedBeforeMs: at + 5, createdAtMs: at },
        { scope: "pool", target: "us-east-1:p", issuedBeforeMs: at + 9, createdAtMs: at + 4 },
      ]);
      expect((await store.revocations.listSince(0)).length).toBe(3);
      // Not configuration: revoking never invalidates the configuration caches of other processes.
      expect(await store.configVersion()).toBe(0);
    });

    it("applies migrations idempotently", async () => {
      await store.migrate();
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it.runIf(engine.openSibling)("migrates once when several processes start at once", async () => {
      await store.close();
      store = await engine.open({ migrated: false });
      const others = await Promise.all(Array.from({ length: 4 }, () => engine.openSibling?.() ?? engine.open()));
      await Promise.all([store, ...others].map((s) => s.migrate()));
      expect(await store.configVersion()).toBe(0);
      await Promise.all(others.map((s) => s.close()));
    });
  });
}
