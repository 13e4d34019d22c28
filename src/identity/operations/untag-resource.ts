import { defineOperation, list, type Operation, required, struct } from "../../protocol/index.js";
import type { AdminDeps } from "../deps.js";
import { changePool } from "../pools/pool-access.js";
import { poolOfArn } from "../pools/pool-arn.js";
import { arnString, tagKey } from "../shapes.js";

/** UntagResource (reference §2.3): removes the named tags; a key the pool lacks is no error. */
export function untagResource(deps: AdminDeps): Operation {
  return defineOperation({
    service: "cognito-identity",
    name: "UntagResource",
    auth: "root",
    input: struct({ ResourceArn: required(arnString), TagKeys: required(list(tagKey)) }),
    async handle(input) {
      const { poolId } = await poolOfArn(deps.store.pools, deps, input.ResourceArn);
      const removed = new Set(input.TagKeys);
      await changePool(deps.store.pools, poolId, (current) => ({
        ...current,
        tags: Object.fromEntries(Object.entries(current.tags).filter(([key]) => !removed.has(key))),
      }));
      return {};
    },
  });
}
