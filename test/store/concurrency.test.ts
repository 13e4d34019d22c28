import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Repositories, Store } from "../../src/store/index.js";
import { pool, provider, role } from "../support/records.js";
import { ENGINES } from "./engines.js";

class LostRace extends Error {}

/**
 * The new-identity path of identity/flows/link-logins.ts, as the store sees it: look the login
 * up, else create an identity and insert the login with ON CONFLICT DO NOTHING, and start over
 * when fewer rows went in than expected (a concurrent writer won).
 */
async function getOrCreateIdentity(store: Store, subject: string, newId: string): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await store.transaction(async (tx) => {
        const found = await tx.logins.findByLogin("us-east-1:pool", "idp", subject);
        if (found) return found.identityId;
        await tx.identities.create({
          identityId: newId,
          poolId: "us-east-1:pool",
          createdAtMs: 1,
          modifiedAtMs: 1,
          mergedInto: undefined,
          disabledAtMs: undefined,
        });
        const login = { poolId: "us-east-1:pool", provider: "idp", subject, identityId: newId };
        if ((await tx.logins.insert([login], 1)) !== 1) throw new LostRace();
        return newId;
      });
    } catch (error) {
      if (!(error instanceof LostRace)) throw error;
    }
  }
  throw new Error("lost every race");
}

/** CreateOpenIDConnectProvider's quota check, with a small quota. */
const createWithinQuota = (store: Store, url: string, quota: number): Promise<boolean> =>
  store.transaction(async (tx: Repositories) => {
    if ((await tx.oidcProviders.count()) >= quota) return false;
    return tx.oidcProviders.create(provider(url));
  });

for (const engine of ENGINES) {
  describe(`store concurrency on ${engine.name}`, () => {
    let store: Store;
    let sibling: Store;
    beforeEach(async () => {
      store = await engine.open();
      // On PostgreSQL a second connection pool on the same database, as another process has.
      sibling = engine.openSibling ? await engine.openSibling() : store;
    });
    afterEach(async () => {
      if (sibling !== store) await sibling.close();
      await store.close();
    });

    it("gives 60 concurrent first sign-ins of one login one identity, with no orphans", async () => {
      await store.pools.create(pool("us-east-1:pool"));
      const ids = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          getOrCreateIdentity(i % 2 ? sibling : store, "user-1", `us-east-1:id-${String(i).padStart(2, "0")}`),
        ),
      );
      expect(new Set(ids).size).toBe(1);
      expect(await store.identities.countInPool("us-east-1:pool")).toBe(1);
      expect((await store.logins.findByLogin("us-east-1:pool", "idp", "user-1"))?.identityId).toBe(ids[0]);
    });

    it("lets a burst of 300 different new logins all through, without retries running out", async () => {
      await store.pools.create(pool("us-east-1:pool"));
      const ids = await Promise.all(
        Array.from({ length: 300 }, (_, i) =>
          getOrCreateIdentity(i % 2 ? sibling : store, `user-${i}`, `us-east-1:n${i}`),
        ),
      );
      expect(new Set(ids).size).toBe(300);
      expect(await store.identities.countInPool("us-east-1:pool")).toBe(300);
    });

    it("holds a count-then-insert quota against 30 concurrent creates", async () => {
      const results = await Promise.all(
        Array.from({ length: 30 }, (_, i) => createWithinQuota(i % 2 ? sibling : store, `https://q${i}.example`, 7)),
      );
      expect(results.filter(Boolean)).toHaveLength(7);
      expect(await store.oidcProviders.count()).toBe(7);
    });

    it("never deletes a role whose inline policy was written during the check", async () => {
      const r = role("Worker");
      await store.roles.create(r);
      const deleting = store.transaction(async (tx) => {
        const current = await tx.roles.get("Worker");
        if (!current || Object.keys(current.inlinePolicies).length > 0) return "refused";
        await sleep(100); // PutRolePolicy lands here, on another connection
        return (await tx.roles.delete("Worker")) ? "deleted" : "missing";
      });
      await sleep(30);
      const policyWritten = await sibling.roles.update({ ...r, inlinePolicies: { p: "{}" } }, 1);
      const outcome = await deleting;
      const after = await store.roles.get("Worker");
      // Either order is correct; losing the policy with the role is not.
      if (policyWritten) {
        expect(outcome).toBe("refused");
        expect(after?.inlinePolicies).toEqual({ p: "{}" });
      } else {
        expect(outcome).toBe("deleted");
        expect(after).toBeUndefined();
      }
    });

    it("runs both of two transactions that deadlock (PostgreSQL aborts one; the store retries it)", async () => {
      await store.roles.create(role("Left"));
      await store.roles.create(role("Right"));
      const bump = (first: string, second: string, on: Store) =>
        on.transaction(async (tx) => {
          for (const name of [first, second]) {
            const current = await tx.roles.get(name);
            if (!current) throw new Error(`no role ${name}`);
            if (!(await tx.roles.update({ ...current, description: "bumped" }, current.version))) {
              throw new Error(`lost the update of ${name}`);
            }
            await sleep(50);
          }
        });
      await Promise.all([bump("Left", "Right", store), bump("Right", "Left", sibling)]);
      expect((await store.roles.get("Left"))?.version).toBe(3);
      expect((await store.roles.get("Right"))?.version).toBe(3);
    });

    it("leaves exactly one current signing key after concurrent rotations", async () => {
      await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          (i % 2 ? sibling : store).signingKeys.rotate({
            kid: `k${String(i).padStart(2, "0")}`,
            privateJwk: "{}",
            publicJwk: "{}",
            createdAtMs: 1_700_000_000_000 + i,
            supersededAtMs: undefined,
          }),
        ),
      );
      const published = await store.signingKeys.listPublished(0);
      expect(published).toHaveLength(12);
      expect(published.filter((k) => k.supersededAtMs === undefined)).toHaveLength(1);
    });

    it("agrees on the first value of a setting written concurrently", async () => {
      const stored = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? sibling : store).settings.putIfAbsent("root", `v${i}`)),
      );
      expect(new Set(stored).size).toBe(1);
    });

    it("counts every concurrent configuration write in the configuration version", async () => {
      const before = await store.configVersion();
      await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? sibling : store).roles.create(role(`R${i}`))));
      expect(await sibling.configVersion()).toBe(before + 10);
    });
  });
}
