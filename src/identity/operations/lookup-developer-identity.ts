import { serviceError } from "../../errors/index.js";
import { defineOperation, type Operation, required, struct } from "../../protocol/index.js";
import type { AdminDeps } from "../deps.js";
import { identityNotFound } from "../errors.js";
import { loadDeveloperPool } from "../logins/developer.js";
import { decodeNextToken, encodeNextToken } from "../paging.js";
import { developerUserIdentifier, identityId, identityPoolId, paginationKey, queryLimit } from "../shapes.js";

/**
 * LookupDeveloperIdentity (reference §2.4): by identity (its developer user ids, paged) or by
 * developer user (its identity); both given must agree, else ResourceConflictException.
 */
export function lookupDeveloperIdentity(deps: AdminDeps): Operation {
  return defineOperation({
    service: "cognito-identity",
    name: "LookupDeveloperIdentity",
    auth: "root",
    input: struct({
      IdentityPoolId: required(identityPoolId),
      IdentityId: identityId,
      DeveloperUserIdentifier: developerUserIdentifier,
      MaxResults: queryLimit,
      NextToken: paginationKey,
    }),
    async handle(input) {
      const { pool, provider } = await loadDeveloperPool(deps.store.pools, input.IdentityPoolId);
      if (input.IdentityId === undefined && input.DeveloperUserIdentifier === undefined) {
        throw serviceError("InvalidParameter", "Either IdentityId or DeveloperUserIdentifier must be specified.");
      }
      let id = input.IdentityId;
      if (input.DeveloperUserIdentifier !== undefined) {
        const login = await deps.store.logins.findByLogin(pool.poolId, provider, input.DeveloperUserIdentifier);
        if (!login)
          throw serviceError("ResourceNotFound", "The developer user identifier was not found in this identity pool.");
        if (id !== undefined && id !== login.identityId) {
          throw serviceError(
            "ResourceConflict",
            "The IdentityId and the DeveloperUserIdentifier do not belong together.",
          );
        }
        id = login.identityId;
      }
      const identity = id === undefined ? undefined : await deps.store.identities.get(id);
      if (!identity || identity.poolId !== pool.poolId) throw identityNotFound(id ?? "");
      const users = (await deps.store.logins.listForIdentity(identity.identityId))
        .filter((l) => l.provider === provider)
        .map((l) => l.subject)
        .sort();
      const after = input.NextToken === undefined ? undefined : decodeNextToken(input.NextToken, () => true);
      const remaining = after === undefined ? users : users.filter((u) => u > after);
      const page = remaining.slice(0, input.MaxResults ?? 60);
      const last = page[page.length - 1];
      return {
        IdentityId: identity.identityId,
        DeveloperUserIdentifierList: page,
        NextToken: remaining.length > page.length && last !== undefined ? encodeNextToken(last) : undefined,
      };
    },
  });
}
