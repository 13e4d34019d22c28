import { defineOperation, type Operation, required, struct } from "../../protocol/index.js";
import type { AdminDeps } from "../deps.js";
import { loadPool } from "../pools/pool-access.js";
import { roleMappingToWire } from "../pools/pool-wire.js";
import { identityPoolId } from "../shapes.js";

/** GetIdentityPoolRoles (reference §2.4): Roles always, RoleMappings only when set. */
export function getIdentityPoolRoles(deps: AdminDeps): Operation {
  return defineOperation({
    service: "cognito-identity",
    name: "GetIdentityPoolRoles",
    auth: "root",
    input: struct({ IdentityPoolId: required(identityPoolId) }),
    async handle(input) {
      const pool = await loadPool(deps.store.pools, input.IdentityPoolId);
      const mappings = Object.entries(pool.roleMappings);
      return {
        IdentityPoolId: pool.poolId,
        Roles: pool.roles,
        RoleMappings:
          mappings.length > 0 ? Object.fromEntries(mappings.map(([k, m]) => [k, roleMappingToWire(m)])) : undefined,
      };
    },
  });
}
