import { defineOperation, type Operation, required, struct } from "../../protocol/index.js";
import type { IamDeps } from "../deps.js";
import { updateRole } from "../roles/role-store.js";
import { policyNameShape, roleNameShape } from "../shapes.js";
import { rolePolicyNotFound } from "./get-role-policy.js";

export function deleteRolePolicy(deps: IamDeps): Operation {
  return defineOperation({
    service: "iam",
    name: "DeleteRolePolicy",
    auth: "root",
    input: struct({ RoleName: required(roleNameShape), PolicyName: required(policyNameShape) }),
    async handle(input) {
      await updateRole(deps.store, input.RoleName, (role) => {
        if (!Object.hasOwn(role.inlinePolicies, input.PolicyName)) throw rolePolicyNotFound(input.PolicyName);
        const { [input.PolicyName]: _removed, ...rest } = role.inlinePolicies;
        return { ...role, inlinePolicies: rest };
      });
      return undefined;
    },
  });
}
