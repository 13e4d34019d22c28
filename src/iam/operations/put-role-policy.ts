import { defineOperation, type Operation, required, struct } from "../../protocol/index.js";
import type { IamDeps } from "../deps.js";
import { checkPermissionPolicy, withInlinePolicy } from "../roles/role-policies.js";
import { updateRole } from "../roles/role-store.js";
import { policyDocumentShape, policyNameShape, roleNameShape } from "../shapes.js";

/** Adds or replaces an inline policy. */
export function putRolePolicy(deps: IamDeps): Operation {
  return defineOperation({
    service: "iam",
    name: "PutRolePolicy",
    auth: "root",
    input: struct({
      RoleName: required(roleNameShape),
      PolicyName: required(policyNameShape),
      PolicyDocument: required(policyDocumentShape),
    }),
    async handle(input) {
      checkPermissionPolicy(input.PolicyDocument);
      await updateRole(deps.store, input.RoleName, (role) => ({
        ...role,
        inlinePolicies: withInlinePolicy(role, input.PolicyName, input.PolicyDocument),
      }));
      return undefined;
    },
  });
}
