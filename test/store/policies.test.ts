import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../../src/store/index.js";
import { policy, role } from "../support/records.js";
import { ENGINES } from "./engines.js";

/** AttachRolePolicy's quota check, as iam/operations/attach-role-policy.ts makes it. */
const attachWithinQuota = (store: Store, roleName: string, arn: string, quota: number): Promise<boolean> =>
  store.transaction(async (tx) => {
    const current = await tx.roles.get(roleName);
    if (!current || current.attachedPolicyArns.length >= quota) return false;
    return tx.roles.attachPolicy(roleName, arn);
  });

for (const engine of ENGINES) {
  describe(`managed policies in the store on ${engine.name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await engine.open();
    });
    afterEach(async () => {
      await store.close();
    });

    it("creates a policy once per name, without regard to case or path, and lists in name order", async () => {
      const p = policy("Readers", { description: "read", tags: [{ key: "k", value: "v" }] });
      expect(await store.policies.create(p)).toBe(true);
      expect(await store.policies.create(policy("READERS"))).toBe(false);
      expect(
        await store.policies.create(policy("readers", { arn: "arn:aws:iam::000000000000:policy/x/readers" })),
      ).toBe(false);
      expect(await store.policies.get(p.arn)).toEqual(p);
      expect(await store.policies.get(p.arn.toUpperCase())).toBeUndefined();
      await store.policies.create(policy("alpha"));
      await store.policies.create(policy("Beta"));
      expect((await store.policies.list()).map((x) => x.policyName)).toEqual(["alpha", "Beta", "Readers"]);
    });

    it("updates a policy's versions only from the version that was read", async () => {
      const p = policy("Versioned");
      await store.policies.create(p);
      const v2 = { versionId: "v2", document: '{"a":1}', createdAtMs: 1_700_000_000_999 };
      const next = { ...p, versions: [...p.versions, v2], defaultVersionId: "v2", nextVersionNumber: 3 };
      expect(await store.policies.update(next, 1)).toBe(true);
      expect(await store.policies.update({ ...p, description: "stale" }, 1)).toBe(false);
      expect(await store.policies.get(p.arn)).toEqual({ ...next, version: 2 });
      expect(await store.policies.delete(p.arn)).toBe(true);
      expect(await store.policies.delete(p.arn)).toBe(false);
      expect(await store.policies.get(p.arn)).toBeUndefined();
    });

    it("attaches a policy to a role once, and reads the attachments with the role and as counts", async () => {
      await store.roles.create(role("Worker"));
      await store.roles.create(role("Other"));
      const [a, b] = [policy("PolicyA"), policy("PolicyB")];
      await store.policies.create(a);
      await store.policies.create(b);
      expect(await store.roles.attachPolicy("Worker", b.arn)).toBe(true);
      expect(await store.roles.attachPolicy("WORKER", a.arn)).toBe(true);
      expect(await store.roles.attachPolicy("worker", a.arn)).toBe(false);
      expect(await store.roles.attachPolicy("Other", a.arn)).toBe(true);
      expect((await store.roles.get("worker"))?.attachedPolicyArns).toEqual([a.arn, b.arn]);
      expect((await store.roles.list()).map((r) => [r.roleName, r.attachedPolicyArns])).toEqual([
        ["Other", [a.arn]],
        ["Worker", [a.arn, b.arn]],
      ]);
      expect(await store.policies.attachmentCount(a.arn)).toBe(2);
      expect(await store.policies.attachmentCount(b.arn)).toBe(1);
      expect(await store.policies.attachmentCounts()).toEqual(
        new Map([
          [a.arn, 2],
          [b.arn, 1],
        ]),
      );
      // A role update writes the document only; it neither drops nor invents attachments.
      const worker = await store.roles.get("Worker");
      if (!worker) throw new Error("no role");
      expect(await store.roles.update({ ...worker, description: "d", attachedPolicyArns: [] }, 1)).toBe(true);
      expect((await store.roles.get("Worker"))?.attachedPolicyArns).toEqual([a.arn, b.arn]);
      expect(await store.roles.detachPolicy("Worker", a.arn)).toBe(true);
      expect(await store.roles.detachPolicy("Worker", a.arn)).toBe(false);
      expect((await store.roles.get("Worker"))?.attachedPolicyArns).toEqual([b.arn]);
      expect(await store.policies.attachmentCount(a.arn)).toBe(1);
    });

    it("refuses, by foreign key, attachments to missing roles or policies and deleting what is attached", async () => {
      await store.roles.create(role("Keeper"));
      const p = policy("Kept");
      await store.policies.create(p);
      await expect(store.roles.attachPolicy("Keeper", policy("Missing").arn)).rejects.toThrow();
      await expect(store.roles.attachPolicy("Nobody", p.arn)).rejects.toThrow();
      await store.roles.attachPolicy("Keeper", p.arn);
      await expect(store.policies.delete(p.arn)).rejects.toThrow();
      await expect(store.roles.delete("Keeper")).rejects.toThrow();
      expect(await store.policies.get(p.arn)).toEqual(p);
      expect((await store.roles.get("Keeper"))?.attachedPolicyArns).toEqual([p.arn]);
      await store.roles.detachPolicy("Keeper", p.arn);
      expect(await store.policies.delete(p.arn)).toBe(true);
      expect(await store.roles.delete("Keeper")).toBe(true);
    });
  });

  describe(`managed policy races on ${engine.name}`, () => {
    let store: Store;
    let sibling: Store;
    beforeEach(async () => {
      store = await engine.open();
      sibling = engine.openSibling ? await engine.openSibling() : store;
    });
    afterEach(async () => {
      if (sibling !== store) await sibling.close();
      await store.close();
    });

    it("holds the policies-per-role quota against 20 concurrent attaches", async () => {
      await store.roles.create(role("Busy"));
      const policies = Array.from({ length: 20 }, (_, i) => policy(`P${String(i).padStart(2, "0")}`));
      for (const p of policies) await store.policies.create(p);
      const results = await Promise.all(
        policies.map((p, i) => attachWithinQuota(i % 2 ? sibling : store, "Busy", p.arn, 10)),
      );
      expect(results.filter(Boolean)).toHaveLength(10);
      expect((await store.roles.get("Busy"))?.attachedPolicyArns).toHaveLength(10);
    });

    it("never deletes a policy that was attached during DeletePolicy's check", async () => {
      await store.roles.create(role("Late"));
      const p = policy("Contested");
      await store.policies.create(p);
      const deleting = store.transaction(async (tx) => {
        if ((await tx.policies.attachmentCount(p.arn)) > 0) return "refused";
        await sleep(100); // AttachRolePolicy lands here, on another connection
        return (await tx.policies.delete(p.arn)) ? "deleted" : "missing";
      });
      await sleep(30);
      const attached = await sibling.roles.attachPolicy("Late", p.arn).catch(() => false);
      const outcome = await deleting;
      // Either order is correct; a role attached to a deleted policy is not.
      if (attached) {
        expect(outcome).toBe("refused");
        expect(await store.policies.get(p.arn)).toEqual(p);
      } else {
        expect(outcome).toBe("deleted");
        expect((await store.roles.get("Late"))?.attachedPolicyArns).toEqual([]);
      }
    });
    it("never deletes a role whose managed policy was attached during DeleteRole's check", async () => {
      await store.roles.create(role("Leaving"));
      const p = policy("Arriving");
      await store.policies.create(p);
      const deleting = store.transaction(async (tx) => {
        const current = await tx.roles.get("Leaving");
        if (!current || current.attachedPolicyArns.length > 0) return "refused";
        await sleep(100); // AttachRolePolicy lands here, on another connection
        return (await tx.roles.delete("Leaving")) ? "deleted" : "missing";
      });
      await sleep(30);
      const attached = await sibling.roles.attachPolicy("Leaving", p.arn).catch(() => false);
      const outcome = await deleting;
      if (attached) {
        expect(outcome).toBe("refused");
        expect((await store.roles.get("Leaving"))?.attachedPolicyArns).toEqual([p.arn]);
      } else {
        expect(outcome).toBe("deleted");
        expect(await store.policies.attachmentCount(p.arn)).toBe(0);
      }
    });
  });
}
