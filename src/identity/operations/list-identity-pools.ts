import { defineOperation, type Operation, required, struct } from "../../protocol/index.js";
import type { AdminDeps } from "../deps.js";
import { decodeNextToken, encodeNextToken, isRegionalId } from "../paging.js";
import { paginationKey, queryLimit } from "../shapes.js";

/**
 * ListIdentityPools (reference §2.3, §2.4): items carry only IdentityPoolId and IdentityPoolName,
 * ordered by pool id; NextToken is present only when more pools follow.
 */
export function listIdentityPools(deps: AdminDeps): Operation {
  return defineOperation({
    service: "cognito-identity",
    name: "ListIdentityPools",
    auth: "root",
    input: struct({ MaxResults: required(queryLimit), NextToken: paginationKey }),
    async handle(input) {
      const after = input.NextToken ? decodeNextToken(input.NextToken, isRegionalId) : undefined;
      const page = await deps.store.pools.list(input.MaxResults, after);
      return {
        IdentityPools: page.items.map((p) => ({ IdentityPoolId: p.poolId, IdentityPoolName: p.name })),
        NextToken: page.nextAfter === undefined ? undefined : encodeNextToken(page.nextAfter),
      };
    },
  });
}
