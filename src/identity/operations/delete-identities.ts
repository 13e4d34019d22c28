import { defineOperation, list, type Operation, required, struct } from "../../protocol/index.js";
import type { AdminDeps } from "../deps.js";
import { identityId } from "../shapes.js";

/**
 * DeleteIdentities (reference §2.4): identities and their logins go in one transaction.
 * `UnprocessedIdentityIds` is always present; deleting is idempotent, so an id that no longer
 * exists is not a failure, and the only failure left (the store) fails the whole call instead.
 */
export function deleteIdentities(deps: AdminDeps): Operation {
  return defineOperation({
    service: "cognito-identity",
    name: "DeleteIdentities",
    auth: "root",
    input: struct({ IdentityIdsToDelete: required(list(identityId, { min: 1, max: 60 })) }),
    async handle(input) {
      const wanted = [...new Set(input.IdentityIdsToDelete)];
      await deps.store.transaction((tx) => tx.identities.delete(wanted));
      return { UnprocessedIdentityIds: [] };
    },
  });
}
