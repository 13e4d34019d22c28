import { bool, defineOperation, type Operation, required, struct } from "../../protocol/index.js";
import type { AdminDeps } from "../deps.js";
import { identityToWire } from "../identities/identity-wire.js";
import { decodeNextToken, encodeNextToken, isRegionalId } from "../paging.js";
import { loadPool } from "../pools/pool-access.js";
import { identityPoolId, paginationKey, queryLimit } from "../shapes.js";

/** ListIdentities (reference §2.3, §3.4): merged-away identities show unless HideDisabled. */
export function listIdentities(deps: AdminDeps): Operation {
  return defineOperation({
    service: "cognito-identity",
    name: "ListIdentities",
    auth: "root",
    input: struct({
      IdentityPoolId: required(identityPoolId),
      MaxResults: required(queryLimit),
      NextToken: paginationKey,
      HideDisabled: bool(),
    }),
    async handle(input) {
      const pool = await loadPool(deps.store.pools, input.IdentityPoolId);
      const after = input.NextToken === undefined ? undefined : decodeNextToken(input.NextToken, isRegionalId);
      const page = await deps.store.identities.list(pool.poolId, input.MaxResults, after, input.HideDisabled === true);
      const logins = await deps.store.logins.listForIdentities(page.items.map((i) => i.identityId));
      return {
        IdentityPoolId: pool.poolId,
        Identities: page.items.map((identity) => identityToWire(identity, logins)),
        NextToken: page.nextAfter === undefined ? undefined : encodeNextToken(page.nextAfter),
      };
    },
  });
}
