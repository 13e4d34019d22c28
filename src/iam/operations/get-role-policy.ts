import { serviceError } from "../../errors/index.js";
import { defineOperation, type Operation, required, struct } from "../../protocol/index.js";
import type { IamDeps } from "../deps.js";
import { loadRole } from "../roles/role-store.js";
import { policyNameShape, roleNameShape } from "../shapes.js";

export function rolePolicyNotFound(policyName: string): Error {
  return serviceError("NoSuchEntity", `The role policy with name ${policyName} cannot be found.`);
}

/** The document comes back URL-encoded, as IAM sends it. */
export function getRolePolicy(deps: IamDeps): Operation {
  return defineOperation({
    service: "iam",
    name: "GetRolePolicy",
    auth: "root",
    input: struct({ RoleName: required(roleNameShape), PolicyName: required(policyNameShape) }),
    async handle(input) {
      const role = await loadRole(deps.store, input.RoleName);
      const document = Object.hasOwn(role.inlinePolicies, input.PolicyName)
        ? role.inlinePolicies[input.PolicyName]
        : undefined;
      if (document === undefined) throw rolePolicyNotFound(input.PolicyName);
      return {
        RoleName: role.roleName,
        PolicyName: input.PolicyName,
        PolicyDocument: encodeURIComponent(document),
      };
    },
  });
}
