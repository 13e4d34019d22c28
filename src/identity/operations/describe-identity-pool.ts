import { defineOperation, type Operation, required, struct } from "../../protocol/index.js";
import type { AdminDeps } from "../deps.js";
import { loadPool } from "../pools/pool-access.js";
import { poolToWire } from "../pools/pool-wire.js";
import { identityPoolId } from "../shapes.js";

/** DescribeIdentityPool (reference §2.3): the same IdentityPool structure Create returns. */
export function describeIdentityPool(deps: AdminDeps): Operation {
  return defineOperation({
    service: "cognito-identity",
    name: "DescribeIdentityPool",
    auth: "root",
    input: struct({ IdentityPoolId: required(identityPoolId) }),
    async handle(input) {
      return poolToWire(await loadPool(deps.store.pools, input.IdentityPoolId));
    },
  });
}
