import { defineOperation, type Operation, required, struct } from "../../protocol/index.js";
import type { IamDeps } from "../deps.js";
import { policyNotFound } from "../policies/policy-rules.js";
import { loadRole } from "../roles/role-store.js";
import { arnShape, roleNameShape } from "../shapes.js";

/**
 * DetachRolePolicy (https://docs.aws.amazon.com/IAM/latest/APIReference/API_DetachRolePolicy.html):
 * a policy that is not attached to the role is NoSuchEntity, whether or not it exists.
 */
export function detachRolePolicy(deps: IamDeps): Operation {
  return defineOperation({
    service: "iam",
    name: "DetachRolePolicy",
    auth: "root",
    input: struct({ RoleName: required(roleNameShape), PolicyArn: required(arnShape) }),
    async handle(input) {
      const role = await loadRole(deps.store, input.RoleName);
      if (!(await deps.store.roles.detachPolicy(role.roleName, input.PolicyArn))) {
        throw policyNotFound(input.PolicyArn);
      }
      return undefined;
    },
  });
}
