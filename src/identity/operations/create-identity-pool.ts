import { isServiceError, serviceError } from "../../errors/index.js";
import { defineOperation, type Operation } from "../../protocol/index.js";
import { regionalId } from "../../shared/index.js";
import type { IdentityPoolRecord } from "../../store/index.js";
import type { AdminDeps } from "../deps.js";
import { checkPoolConfig } from "../pools/pool-config.js";
import { type IdentityPoolOutput, poolToWire } from "../pools/pool-wire.js";
import { type PoolConfigWire, poolConfig } from "../shapes.js";

/** Identity pools per account and region; not adjustable (reference §2.4, §8). */
export const MAX_POOLS = 1000;

function poolIdTaken(poolId: string): Error {
  return serviceError("ResourceConflict", `IdentityPool '${poolId}' already exists.`);
}

/**
 * The one body of CreateIdentityPool and IdpoolService.CreateIdentityPoolWithId: check the
 * configuration, then count and insert together, so concurrent creates cannot both take the last
 * free place. `poolId` is new (CreateIdentityPool) or pinned by the caller; a pinned id that is
 * taken is ResourceConflictException, also when a concurrent create wins the race to insert it.
 */
export async function createPool(deps: AdminDeps, input: PoolConfigWire, poolId: string): Promise<IdentityPoolOutput> {
  const config = await checkPoolConfig(deps, input);
  const pool: IdentityPoolRecord = {
    ...config,
    poolId,
    tags: input.IdentityPoolTags ?? {},
    roles: {},
    roleMappings: {},
    principalTagMaps: {},
    createdAtMs: deps.clock.nowMs(),
    version: 1,
  };
  try {
    await deps.store.transaction(async (tx) => {
      if ((await tx.pools.count()) >= MAX_POOLS) {
        throw serviceError(
          "CognitoLimitExceeded",
          `This account already has the maximum of ${MAX_POOLS} identity pools; delete one before creating another.`,
        );
      }
      if (await tx.pools.get(poolId)) throw poolIdTaken(poolId);
      await tx.pools.create(pool);
    });
  } catch (error) {
    // The primary key decides a race the read above could not see (PostgreSQL READ COMMITTED).
    if (!isServiceError(error) && (await deps.store.pools.get(poolId))) throw poolIdTaken(poolId);
    throw error;
  }
  return poolToWire(pool);
}

/** CreateIdentityPool (reference §2.3, §2.4). */
export function createIdentityPool(deps: AdminDeps): Operation {
  return defineOperation({
    service: "cognito-identity",
    name: "CreateIdentityPool",
    auth: "root",
    input: poolConfig,
    async handle(input) {
      return createPool(deps, input, regionalId(deps.region, deps.ids));
    },
  });
}
