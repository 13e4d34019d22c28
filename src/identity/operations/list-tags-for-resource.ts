import { defineOperation, type Operation, required, struct } from "../../protocol/index.js";
import type { AdminDeps } from "../deps.js";
import { poolOfArn } from "../pools/pool-arn.js";
import { arnString } from "../shapes.js";

/** ListTagsForResource (reference §2.3): the pool's tags, `{}` when it has none. */
export function listTagsForResource(deps: AdminDeps): Operation {
  return defineOperation({
    service: "cognito-identity",
    name: "ListTagsForResource",
    auth: "root",
    input: struct({ ResourceArn: required(arnString) }),
    async handle(input) {
      const pool = await poolOfArn(deps.store.pools, deps, input.ResourceArn);
      return { Tags: pool.tags };
    },
  });
}
