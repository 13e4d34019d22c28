import { defineOperation, type Operation, required, struct } from "../../protocol/index.js";
import type { IamDeps } from "../deps.js";
import { checkTrustPolicy } from "../roles/role-policies.js";
import { updateRole } from "../roles/role-store.js";
import { policyDocumentShape, roleNameShape } from "../shapes.js";

export function updateAssumeRolePolicy(deps: IamDeps): Operation {
  return defineOperation({
    service: "iam",
    name: "UpdateAssumeRolePolicy",
    auth: "root",
    input: struct({ RoleName: required(roleNameShape), PolicyDocument: required(policyDocumentShape) }),
    async handle(input) {
      checkTrustPolicy(input.PolicyDocument);
      await updateRole(deps.store, input.RoleName, (role) => ({
        ...role,
        assumeRolePolicyDocument: input.PolicyDocument,
      }));
      return undefined;
    },
  });
}
