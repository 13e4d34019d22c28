import { serviceError } from "../../errors/index.js";
import { bool, defineOperation, type Operation, required, struct } from "../../protocol/index.js";
import type { PrincipalTagMapRecord } from "../../store/index.js";
import type { AdminDeps } from "../deps.js";
import { principalTagProviderNames } from "../logins/kinds.js";
import { changePool } from "../pools/pool-access.js";
import { principalTagMapToWire } from "../pools/pool-wire.js";
import { identityPoolId, identityProviderName, principalTags } from "../shapes.js";

/**
 * SetPrincipalTagAttributeMap (reference §2.3, §3.7): sets the tag key → claim map of one provider
 * configured on the pool, replacing any earlier one, and echoes what was stored.
 */
export function setPrincipalTagAttributeMap(deps: AdminDeps): Operation {
  return defineOperation({
    service: "cognito-identity",
    name: "SetPrincipalTagAttributeMap",
    auth: "root",
    input: struct({
      IdentityPoolId: required(identityPoolId),
      IdentityProviderName: required(identityProviderName),
      UseDefaults: bool(),
      PrincipalTags: principalTags,
    }),
    async handle(input) {
      const name = input.IdentityProviderName;
      const map: PrincipalTagMapRecord = { useDefaults: input.UseDefaults ?? false, tags: input.PrincipalTags ?? {} };
      const pool = await changePool(deps.store.pools, input.IdentityPoolId, (current) => {
        if (!principalTagProviderNames(current).has(name)) {
          throw serviceError("InvalidParameter", `(${name}) is not a configured provider of this identity pool.`);
        }
        return { ...current, principalTagMaps: { ...current.principalTagMaps, [name]: map } };
      });
      return principalTagMapToWire(pool.poolId, name, map);
    },
  });
}
