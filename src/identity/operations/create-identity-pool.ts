import { serviceError } from "../../errors/index.js";
import { defineOperation, type Operation } from "../../protocol/index.js";
import { regionalId } from "../../shared/index.js";
import type { IdentityPoolRecord } from "../../store/index.js";
import type { AdminDeps } from "../deps.js";
import { checkPoolConfig } from "../pools/pool-config.js";
import { poolToWire } from "../pools/pool-wire.js";
import { poolConfig } from "../shapes.js";

/** Identity pools per account and region; not adjustable (reference §2.4, §8). */
export const MAX_POOLS = 1000;

/** CreateIdentityPool (reference §2.3, §2.4). */
export function createIdentityPool(deps: AdminDeps): Operation {
  return defineOperation({
    service: "cognito-identity",
    name: "CreateIdentityPool",
    auth: "root",
    input: poolConfig,
    async handle(input) {
      const config = await checkPoolConfig(deps, input);
      const pool: IdentityPoolRecord = {
        ...config,
        poolId: regionalId(deps.region, deps.ids),
        tags: input.IdentityPoolTags ?? {},
        roles: {},
        roleMappings: {},
        principalTagMaps: {},
        createdAtMs: deps.clock.nowMs(),
        version: 1,
      };
      // Count and insert together, so concurrent creates cannot both take the last free place.
      await deps.store.transaction(async (tx) => {
        if ((await tx.pools.count()) >= MAX_POOLS) {
          throw serviceError(
            "CognitoLimitExceeded",
            `This account already has the maximum of ${MAX_POOLS} identity pools; delete one before creating another.`,
          );
        }
        await tx.pools.create(pool);
      });
      return poolToWire(pool);
    },
  });
}
