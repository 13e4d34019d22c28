import { serviceError } from "../../errors/index.js";
import { defineOperation, type Operation, required, struct } from "../../protocol/index.js";
import type { IamDeps } from "../deps.js";
import { roleNotFound } from "../roles/role-store.js";
import { roleNameShape } from "../shapes.js";

/**
 * IAM refuses to delete a role that still has inline policies or attached managed policies
 * (DeleteConflict, https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteRole.html); the
 * checks and the delete share a transaction so a policy written or attached meanwhile cannot be
 * lost with the role.
 */
export function deleteRole(deps: IamDeps): Operation {
  return defineOperation({
    service: "iam",
    name: "DeleteRole",
    auth: "root",
    input: struct({ RoleName: required(roleNameShape) }),
    async handle(input) {
      await deps.store.transaction(async (tx) => {
        const role = await tx.roles.get(input.RoleName);
        if (!role) throw roleNotFound(input.RoleName);
        if (Object.keys(role.inlinePolicies).length > 0) {
          throw serviceError("DeleteConflict", "Cannot delete entity, must delete policies first.");
        }
        if (role.attachedPolicyArns.length > 0) {
          throw serviceError("DeleteConflict", "Cannot delete entity, must detach all policies first.");
        }
        if (!(await tx.roles.delete(input.RoleName))) throw roleNotFound(input.RoleName);
      });
      return undefined;
    },
  });
}
