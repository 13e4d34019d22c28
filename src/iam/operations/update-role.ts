import { defineOperation, type Operation, required, struct } from "../../protocol/index.js";
import type { IamDeps } from "../deps.js";
import { updateRole as updateStoredRole } from "../roles/role-store.js";
import { maxSessionDurationShape, roleDescriptionShape, roleNameShape } from "../shapes.js";

/** Changes only the members given; an empty Description clears it. */
export function updateRole(deps: IamDeps): Operation {
  return defineOperation({
    service: "iam",
    name: "UpdateRole",
    auth: "root",
    input: struct({
      RoleName: required(roleNameShape),
      Description: roleDescriptionShape,
      MaxSessionDuration: maxSessionDurationShape,
    }),
    async handle(input) {
      await updateStoredRole(deps.store, input.RoleName, (role) => ({
        ...role,
        description: input.Description === undefined ? role.description : input.Description || undefined,
        maxSessionDurationSeconds: input.MaxSessionDuration ?? role.maxSessionDurationSeconds,
      }));
      // UpdateRoleResponse is an empty structure: IAM sends an empty <UpdateRoleResult/>.
      return {};
    },
  });
}
