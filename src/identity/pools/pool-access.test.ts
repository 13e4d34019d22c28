import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { callOperation as call, memoryDeps } from "../../../test/support/unit.js";
import type { IdentityPoolRecord } from "../../store/index.js";
import type { AdminDeps } from "../deps.js";
import { createIdentityPool } from "../operations/create-identity-pool.js";
import { changePool, MAX_UPDATE_ATTEMPTS } from "./pool-access.js";

describe("changePool", () => {
  let deps: AdminDeps;
  let poolId: string;
  beforeEach(async () => {
    deps = await memoryDeps();
    const created = (await call(createIdentityPool(deps), {
      IdentityPoolName: "p",
      AllowUnauthenticatedIdentities: false,
    })) as { IdentityPoolId: string };
    poolId = created.IdentityPoolId;
  });
  afterEach(() => deps.store.close());

  /** Another writer slips a tag in between our read and our write. */
  async function concurrentWrite(current: IdentityPoolRecord, key: string): Promise<void> {
    const ok = await deps.store.pools.update({ ...current, tags: { ...current.tags, [key]: "x" } }, current.version);
    expect(ok).toBe(true);
  }

  it("retries a lost race against the latest record, keeping the other writer's change", async () => {
    let calls = 0;
    const result = await changePool(deps.store.pools, poolId, async (current) => {
      calls++;
      if (calls === 1) await concurrentWrite(current, "theirs");
      return { ...current, tags: { ...current.tags, ours: "y" } };
    });
    expect(calls).toBe(2);
    expect(result.tags).toEqual({ theirs: "x", ours: "y" });
    const stored = await deps.store.pools.get(poolId);
    expect(stored?.tags).toEqual({ theirs: "x", ours: "y" });
    expect(stored?.version).toBe(result.version);
    expect(stored?.version).toBe(3);
  });

  it("gives up with ConcurrentModificationException after losing every attempt", async () => {
    let calls = 0;
    const attempt = changePool(deps.store.pools, poolId, async (current) => {
      calls++;
      await concurrentWrite(current, `theirs${calls}`);
      return { ...current, name: "ours" };
    });
    await expect(attempt).rejects.toMatchObject({
      code: "ConcurrentModificationException",
      message: `IdentityPool '${poolId}' was modified concurrently by another request; retry the request.`,
    });
    expect(calls).toBe(MAX_UPDATE_ATTEMPTS);
    expect((await deps.store.pools.get(poolId))?.name).toBe("p");
  });

  it("reports a pool deleted meanwhile as not found", async () => {
    const attempt = changePool(deps.store.pools, poolId, async (current) => {
      await deps.store.pools.delete(poolId);
      return current;
    });
    await expect(attempt).rejects.toMatchObject({
      code: "ResourceNotFoundException",
      message: `IdentityPool '${poolId}' not found.`,
    });
  });
});
