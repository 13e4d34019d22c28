import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { callOperation as call, memoryDeps } from "../../../test/support/unit.js";
import type { AdminDeps } from "../deps.js";
import { createIdentityPool, MAX_POOLS } from "./create-identity-pool.js";

describe("CreateIdentityPool", () => {
  let deps: AdminDeps;
  beforeEach(async () => {
    deps = await memoryDeps();
  });
  afterEach(() => deps.store.close());

  it("stores a REGION:GUID pool and echoes only what is set", async () => {
    const out = await call(createIdentityPool(deps), {
      IdentityPoolName: "My pool",
      AllowUnauthenticatedIdentities: true,
    });
    expect(out).toEqual({
      IdentityPoolId: "us-east-1:00000000-0000-4000-8000-000000000001",
      IdentityPoolName: "My pool",
      AllowUnauthenticatedIdentities: true,
      AllowClassicFlow: false,
      SupportedLoginProviders: undefined,
      DeveloperProviderName: undefined,
      OpenIdConnectProviderARNs: undefined,
      CognitoIdentityProviders: undefined,
      SamlProviderARNs: undefined,
      IdentityPoolTags: undefined,
    });
    const stored = await deps.store.pools.get("us-east-1:00000000-0000-4000-8000-000000000001");
    expect(stored).toMatchObject({ name: "My pool", version: 1, createdAtMs: Date.UTC(2024, 0, 1), roles: {} });
  });

  it(`refuses pool number ${MAX_POOLS + 1} with LimitExceededException and writes nothing`, async () => {
    const op = createIdentityPool(deps);
    const seed = (await call(op, { IdentityPoolName: "seed", AllowUnauthenticatedIdentities: false })) as {
      IdentityPoolId: string;
    };
    const template = await deps.store.pools.get(seed.IdentityPoolId);
    if (!template) throw new Error("seed pool missing");
    await deps.store.transaction(async (tx) => {
      for (let i = 1; i < MAX_POOLS; i++) {
        await tx.pools.create({
          ...template,
          poolId: `us-east-1:${i.toString(16).padStart(8, "0")}-0000-4000-8000-000000000000`,
        });
      }
    });
    expect(await deps.store.pools.count()).toBe(MAX_POOLS);
    await expect(
      call(op, { IdentityPoolName: "one too many", AllowUnauthenticatedIdentities: false }),
    ).rejects.toMatchObject({
      code: "LimitExceededException",
      message: `This account already has the maximum of ${MAX_POOLS} identity pools; delete one before creating another.`,
    });
    expect(await deps.store.pools.count()).toBe(MAX_POOLS);
  });
});
