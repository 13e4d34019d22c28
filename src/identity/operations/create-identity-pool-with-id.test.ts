import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { callOperation as call, expectServiceError, memoryDeps } from "../../../test/support/unit.js";
import type { AdminDeps } from "../deps.js";
import { createIdentityPool } from "./create-identity-pool.js";
import { createIdentityPoolWithId } from "./create-identity-pool-with-id.js";

const PINNED = "us-east-1:11111111-2222-4333-8444-555555555555";

describe("IdpoolService.CreateIdentityPoolWithId", () => {
  let deps: AdminDeps;
  beforeEach(async () => {
    deps = await memoryDeps();
  });
  afterEach(() => deps.store.close());

  it("is idpool's own operation, root only", () => {
    const op = createIdentityPoolWithId(deps);
    expect([op.service, op.name, op.auth]).toEqual(["idpool", "CreateIdentityPoolWithId", "root"]);
  });

  it("stores the pool under the pinned id and answers what CreateIdentityPool answers", async () => {
    const config = {
      IdentityPoolName: "Pinned",
      AllowUnauthenticatedIdentities: true,
      SupportedLoginProviders: { "accounts.google.com": "my-app.apps.googleusercontent.com" },
      IdentityPoolTags: { team: "a" },
    };
    const pinned = await call(createIdentityPoolWithId(deps), { ...config, IdentityPoolId: PINNED });
    const plain = (await call(createIdentityPool(deps), config)) as { IdentityPoolId: string };
    expect(pinned).toEqual({ ...plain, IdentityPoolId: PINNED });
    expect(await deps.store.pools.get(PINNED)).toMatchObject({
      poolId: PINNED,
      name: "Pinned",
      allowUnauthenticated: true,
      tags: { team: "a" },
      version: 1,
    });
  });

  it("refuses an id already taken with ResourceConflictException and leaves the pool as it was", async () => {
    const op = createIdentityPoolWithId(deps);
    await call(op, { IdentityPoolId: PINNED, IdentityPoolName: "first", AllowUnauthenticatedIdentities: false });
    await expectServiceError(
      call(op, { IdentityPoolId: PINNED, IdentityPoolName: "second", AllowUnauthenticatedIdentities: true }),
      "ResourceConflict",
      `IdentityPool '${PINNED}' already exists.`,
    );
    expect(await deps.store.pools.get(PINNED)).toMatchObject({ name: "first", allowUnauthenticated: false });
    expect(await deps.store.pools.count()).toBe(1);
  });

  it.each([
    ["another region", "eu-west-1:11111111-2222-4333-8444-555555555555"],
    ["a GUID of the wrong length", "us-east-1:11111111-2222-4333-8444-5555555555555"],
    ["no GUID", "us-east-1:1234"],
  ])("refuses %s with InvalidParameterException", async (_, id) => {
    await expectServiceError(
      call(createIdentityPoolWithId(deps), {
        IdentityPoolId: id,
        IdentityPoolName: "x",
        AllowUnauthenticatedIdentities: false,
      }),
      "InvalidParameter",
      `IdentityPoolId '${id}' must be us-east-1:GUID, a lower-case GUID in this region, as CreateIdentityPool gives.`,
    );
    expect(await deps.store.pools.count()).toBe(0);
  });

  it("checks the configuration with CreateIdentityPool's code: the same refusal, in the same words", async () => {
    const bad = {
      IdentityPoolName: "x",
      AllowUnauthenticatedIdentities: false,
      SupportedLoginProviders: { nope: "a" },
    };
    const plain = await expectServiceError(call(createIdentityPool(deps), bad), "InvalidParameter");
    await expectServiceError(
      call(createIdentityPoolWithId(deps), { ...bad, IdentityPoolId: PINNED }),
      "InvalidParameter",
      plain.message,
    );
  });
});
