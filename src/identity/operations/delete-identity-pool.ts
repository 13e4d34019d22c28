import { defineOperation, type Operation, required, struct } from "../../protocol/index.js";
import type { AdminDeps } from "../deps.js";
import { poolNotFound } from "../pools/pool-access.js";
import { identityPoolId } from "../shapes.js";

/** DeleteIdentityPool (reference §2.3): the pool goes with its identities and their logins. */
export function deleteIdentityPool(deps: AdminDeps): Operation {
  return defineOperation({
    service: "cognito-identity",
    name: "DeleteIdentityPool",
    auth: "root",
    input: struct({ IdentityPoolId: required(identityPoolId) }),
    async handle(input) {
      if (!(await deps.store.pools.delete(input.IdentityPoolId))) throw poolNotFound(input.IdentityPoolId);
      return undefined;
    },
  });
}
