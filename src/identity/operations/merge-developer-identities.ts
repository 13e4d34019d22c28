import { serviceError } from "../../errors/index.js";
import { defineOperation, type Operation, required, struct } from "../../protocol/index.js";
import type { AdminDeps } from "../deps.js";
import { linkLogins } from "../identities/link-logins.js";
import { developerLogin, loadDeveloperPool } from "../logins/developer.js";
import { developerProviderName, developerUserIdentifier, identityPoolId } from "../shapes.js";

const userId = developerUserIdentifier;

/**
 * MergeDeveloperIdentities (reference §2.4): the source user's identity is merged into the
 * destination user's (all its logins move, it is disabled); one user per public provider and at
 * most 20 logins still hold.
 */
export function mergeDeveloperIdentities(deps: AdminDeps): Operation {
  return defineOperation({
    service: "cognito-identity",
    name: "MergeDeveloperIdentities",
    auth: "root",
    input: struct({
      SourceUserIdentifier: required(userId),
      DestinationUserIdentifier: required(userId),
      DeveloperProviderName: required(developerProviderName),
      IdentityPoolId: required(identityPoolId),
    }),
    async handle(input) {
      const { pool, provider } = await loadDeveloperPool(
        deps.store.pools,
        input.IdentityPoolId,
        input.DeveloperProviderName,
      );
      const find = (user: string) => deps.store.logins.findByLogin(pool.poolId, provider, user);
      const [source, destination] = await Promise.all([
        find(input.SourceUserIdentifier),
        find(input.DestinationUserIdentifier),
      ]);
      if (!source) throw serviceError("ResourceNotFound", "The source developer user identifier was not found.");
      if (!destination)
        throw serviceError("ResourceNotFound", "The destination developer user identifier was not found.");
      const id = await linkLogins(deps, {
        poolId: pool.poolId,
        logins: [
          developerLogin(provider, input.SourceUserIdentifier),
          developerLogin(provider, input.DestinationUserIdentifier),
        ],
        anchorId: destination.identityId,
        survivor: "anchor",
      });
      return { IdentityId: id };
    },
  });
}
