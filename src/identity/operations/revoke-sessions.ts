import { serviceError } from "../../errors/index.js";
import { defineOperation, int, type Operation, struct } from "../../protocol/index.js";
import type { AdminDeps, IdentityDeps } from "../deps.js";
import { identityNotFound } from "../errors.js";
import { loadPool } from "../pools/pool-access.js";
import { identityId, identityPoolId } from "../shapes.js";

/**
 * IdpoolService.RevokeSessions (README: Revocation), beyond what AWS offers: credentials and
 * idpool OpenID tokens of one identity, or of every identity of a pool, issued before a time (now
 * unless `IssuedBefore`, epoch seconds, says earlier) stop working at GetCallerIdentity,
 * AssumeRoleWithWebIdentity and the gateway, on every process within seconds. Root only; what
 * `idpool revoke` calls. Kept in identity/ because its targets are identities and pools.
 */
export function revokeSessions(deps: AdminDeps & Pick<IdentityDeps, "revocations">): Operation {
  return defineOperation({
    service: "idpool",
    name: "RevokeSessions",
    auth: "root",
    input: struct({ IdentityId: identityId, IdentityPoolId: identityPoolId, IssuedBefore: int({ min: 0 }) }),
    async handle(input) {
      const target = await targetOf(deps, input.IdentityId, input.IdentityPoolId);
      const nowMs = deps.clock.nowMs();
      const issuedBeforeMs = input.IssuedBefore === undefined ? nowMs : input.IssuedBefore * 1000;
      // A time to come would also refuse credentials not yet issued: a lockout, not a revocation.
      if (issuedBeforeMs > nowMs) {
        throw serviceError("InvalidParameter", "IssuedBefore must not be in the future.");
      }
      await deps.revocations.revoke({ ...target, issuedBeforeMs, createdAtMs: nowMs });
      return {
        Scope: target.scope === "pool" ? "IdentityPool" : "Identity",
        Target: target.target,
        IssuedBefore: new Date(issuedBeforeMs),
      };
    },
  });
}

async function targetOf(
  deps: AdminDeps,
  identity: string | undefined,
  pool: string | undefined,
): Promise<{ readonly scope: "identity" | "pool"; readonly target: string }> {
  if ((identity === undefined) === (pool === undefined)) {
    throw serviceError("InvalidParameter", "Give exactly one of IdentityId and IdentityPoolId.");
  }
  if (identity !== undefined) {
    if (!(await deps.store.identities.get(identity))) throw identityNotFound(identity);
    return { scope: "identity", target: identity };
  }
  const record = await loadPool(deps.store.pools, pool ?? "");
  return { scope: "pool", target: record.poolId };
}
