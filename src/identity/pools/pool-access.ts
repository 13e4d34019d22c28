import { type ServiceError, serviceError } from "../../errors/index.js";
import type { IdentityPoolRecord, IdentityPoolRepository } from "../../store/index.js";

/** Reference §4.2: unknown pool. */
export function poolNotFound(poolId: string): ServiceError {
  return serviceError("ResourceNotFound", `IdentityPool '${poolId}' not found.`);
}

export async function loadPool(pools: IdentityPoolRepository, poolId: string): Promise<IdentityPoolRecord> {
  const pool = await pools.get(poolId);
  if (!pool) throw poolNotFound(poolId);
  return pool;
}

/** Attempts before a change that keeps losing the optimistic race is refused. */
export const MAX_UPDATE_ATTEMPTS = 5;

/**
 * Read–change–write with the store's optimistic version check. `change` sees the latest record on
 * every attempt, so its checks (for example "is this provider configured?") are re-run against what
 * is actually written. A lost race is retried; after MAX_UPDATE_ATTEMPTS losses the caller gets
 * ConcurrentModificationException, which UpdateIdentityPool and SetIdentityPoolRoles model (§2.3).
 */
export async function changePool(
  pools: IdentityPoolRepository,
  poolId: string,
  change: (current: IdentityPoolRecord) => Promise<IdentityPoolRecord> | IdentityPoolRecord,
): Promise<IdentityPoolRecord> {
  for (let attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
    const current = await loadPool(pools, poolId);
    const next = await change(current);
    if (await pools.update(next, current.version)) return { ...next, version: current.version + 1 };
  }
  throw serviceError(
    "CognitoConcurrentModification",
    `IdentityPool '${poolId}' was modified concurrently by another request; retry the request.`,
  );
}
