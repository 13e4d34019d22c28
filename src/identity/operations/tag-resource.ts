import { defineOperation, type Operation, required, struct } from "../../protocol/index.js";
import type { AdminDeps } from "../deps.js";
import { changePool } from "../pools/pool-access.js";
import { poolOfArn } from "../pools/pool-arn.js";
import { checkTagCount } from "../pools/tags.js";
import { arnString, identityPoolTags } from "../shapes.js";

/** TagResource (reference §2.3, §2.4 Tagging): adds or overwrites tags; at most 50 per pool. */
export function tagResource(deps: AdminDeps): Operation {
  return defineOperation({
    service: "cognito-identity",
    name: "TagResource",
    auth: "root",
    input: struct({ ResourceArn: required(arnString), Tags: required(identityPoolTags) }),
    async handle(input) {
      const { poolId } = await poolOfArn(deps.store.pools, deps, input.ResourceArn);
      await changePool(deps.store.pools, poolId, (current) => {
        const tags = { ...current.tags, ...input.Tags };
        checkTagCount(tags);
        return { ...current, tags };
      });
      return {};
    },
  });
}
