import { defineOperation, type Operation, required, struct } from "../../protocol/index.js";
import type { AdminDeps } from "../deps.js";
import { changePool } from "../pools/pool-access.js";
import { checkRoleMappings, checkRoles } from "../pools/role-mappings.js";
import { identityPoolId, roleMappingMap, rolesMap } from "../shapes.js";

/**
 * SetIdentityPoolRoles (reference §2.4): replaces the pool's roles and role mappings; a role or
 * mapping left out is removed (tools detach roles by sending `Roles: {}`).
 */
export function setIdentityPoolRoles(deps: AdminDeps): Operation {
  const roleDeps = { store: deps.store, accountId: deps.accountId };
  return defineOperation({
    service: "cognito-identity",
    name: "SetIdentityPoolRoles",
    auth: "root",
    input: struct({
      IdentityPoolId: required(identityPoolId),
      Roles: required(rolesMap),
      RoleMappings: roleMappingMap,
    }),
    async handle(input) {
      await changePool(deps.store.pools, input.IdentityPoolId, async (current) => {
        await checkRoles(roleDeps, input.Roles);
        const roleMappings = await checkRoleMappings(roleDeps, current, input.RoleMappings ?? {});
        return { ...current, roles: { ...input.Roles }, roleMappings };
      });
      return undefined;
    },
  });
}
