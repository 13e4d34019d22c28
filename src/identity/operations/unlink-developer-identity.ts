import { serviceError } from "../../errors/index.js";
import { defineOperation, type Operation, required, struct } from "../../protocol/index.js";
import type { AdminDeps } from "../deps.js";
import { identityNotFound } from "../errors.js";
import { loadDeveloperPool } from "../logins/developer.js";
import { developerProviderName, developerUserIdentifier, identityId, identityPoolId } from "../shapes.js";

/**
 * UnlinkDeveloperIdentity (reference §2.4): the developer user becomes new the next time it is
 * seen; an identity left with no login is disabled, as UnlinkIdentity does.
 */
export function unlinkDeveloperIdentity(deps: AdminDeps): Operation {
  return defineOperation({
    service: "cognito-identity",
    name: "UnlinkDeveloperIdentity",
    auth: "root",
    input: struct({
      IdentityId: required(identityId),
      IdentityPoolId: required(identityPoolId),
      DeveloperProviderName: required(developerProviderName),
      DeveloperUserIdentifier: required(developerUserIdentifier),
    }),
    async handle(input) {
      const { pool, provider } = await loadDeveloperPool(
        deps.store.pools,
        input.IdentityPoolId,
        input.DeveloperProviderName,
      );
      const found = await deps.store.identities.getWithLogins(input.IdentityId);
      if (!found || found.identity.poolId !== pool.poolId) {
        throw identityNotFound(input.IdentityId);
      }
      const linked = found.logins.some((l) => l.provider === provider && l.subject === input.DeveloperUserIdentifier);
      if (!linked) {
        throw serviceError("ResourceConflict", "The developer user identifier is not linked to this identity.");
      }
      const now = deps.clock.nowMs();
      await deps.store.transaction(async (tx) => {
        await tx.logins.removeOne(pool.poolId, provider, input.DeveloperUserIdentifier);
        if (found.logins.length === 1) await tx.identities.disable(input.IdentityId, now);
        else await tx.identities.touch(input.IdentityId, now);
      });
      return undefined;
    },
  });
}
