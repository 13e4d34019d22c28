import { defineOperation, list, type Operation, required, struct } from "../../protocol/index.js";
import type { IdentityDeps } from "../deps.js";
import { identityId } from "./login-shapes.js";

/**
 * DeleteIdentities (reference §2.4): `UnprocessedIdentityIds` is always present. An id that does
 * not exist is reported back with ErrorCode InternalServerError rather than failing the batch.
 */
export function deleteIdentities(deps: IdentityDeps): Operation {
  return defineOperation<{ readonly IdentityIdsToDelete: readonly string[] }>({
    service: "cognito-identity",
    name: "DeleteIdentities",
    auth: "sigv4",
    input: struct({ IdentityIdsToDelete: required(list(identityId, { min: 1, max: 60 })) }),
    async handle(input) {
      const wanted = [...new Set(input.IdentityIdsToDelete)];
      const deleted = new Set(await deps.store.transaction((tx) => tx.identities.delete(wanted)));
      return {
        UnprocessedIdentityIds: wanted
          .filter((id) => !deleted.has(id))
          .map((id) => ({ IdentityId: id, ErrorCode: "InternalServerError" })),
      };
    },
  });
}
