import { serviceError } from "../../errors/index.js";
import { defineOperation, type Operation } from "../../protocol/index.js";
import type { AdminDeps } from "../deps.js";
import { identityPool } from "../shapes.js";
import { createPool } from "./create-identity-pool.js";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * IdpoolService.CreateIdentityPoolWithId: CreateIdentityPool with the pool id chosen by the caller,
 * so a setup file can pin the id that trust policies and apps name. Cognito has no such member;
 * this is idpool's own operation (X-Amz-Target IdpoolService.CreateIdentityPoolWithId, signing
 * name idpool). The id must have the form CreateIdentityPool gives (`REGION:GUID`, this server's
 * region, lower-case GUID; reference §2.1), so a pinned pool is indistinguishable from another.
 */
export function createIdentityPoolWithId(deps: AdminDeps): Operation {
  const prefix = `${deps.region}:`;
  return defineOperation({
    service: "idpool",
    name: "CreateIdentityPoolWithId",
    auth: "root",
    // CreateIdentityPool's members plus a required IdentityPoolId: the IdentityPool structure.
    input: identityPool,
    async handle(input) {
      const { IdentityPoolId: poolId, ...config } = input;
      if (!poolId.startsWith(prefix) || !GUID.test(poolId.slice(prefix.length))) {
        throw serviceError(
          "InvalidParameter",
          `IdentityPoolId '${poolId}' must be ${deps.region}:GUID, a lower-case GUID in this region, as CreateIdentityPool gives.`,
        );
      }
      return createPool(deps, config, poolId);
    },
  });
}
