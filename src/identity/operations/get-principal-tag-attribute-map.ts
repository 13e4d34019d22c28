import { serviceError } from "../../errors/index.js";
import { defineOperation, type Operation, required, struct } from "../../protocol/index.js";
import type { AdminDeps } from "../deps.js";
import { loadPool } from "../pools/pool-access.js";
import { principalTagMapToWire } from "../pools/pool-wire.js";
import { identityPoolId, identityProviderName } from "../shapes.js";

/** GetPrincipalTagAttributeMap (reference §3.7): a provider never set is ResourceNotFoundException [E]. */
export function getPrincipalTagAttributeMap(deps: AdminDeps): Operation {
  return defineOperation({
    service: "cognito-identity",
    name: "GetPrincipalTagAttributeMap",
    auth: "root",
    input: struct({ IdentityPoolId: required(identityPoolId), IdentityProviderName: required(identityProviderName) }),
    async handle(input) {
      const pool = await loadPool(deps.store.pools, input.IdentityPoolId);
      const name = input.IdentityProviderName;
      const map = Object.hasOwn(pool.principalTagMaps, name) ? pool.principalTagMaps[name] : undefined;
      if (!map) {
        throw serviceError(
          "ResourceNotFound",
          `No principal tag attribute map is set for provider (${name}) in IdentityPool '${pool.poolId}'.`,
        );
      }
      return principalTagMapToWire(pool.poolId, name, map);
    },
  });
}
