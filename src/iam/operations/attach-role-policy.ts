import { serviceError } from "../../errors/index.js";
import { defineOperation, type Operation, required, struct } from "../../protocol/index.js";
import type { IamDeps } from "../deps.js";
import { MAX_POLICIES_PER_ROLE, policyNotAttachable } from "../policies/policy-rules.js";
import { roleNotFound } from "../roles/role-store.js";
import { arnShape, roleNameShape } from "../shapes.js";

/**
 * AttachRolePolicy (https://docs.aws.amazon.com/IAM/latest/APIReference/API_AttachRolePolicy.html):
 * attaching a policy that is attached already changes nothing and succeeds. The quota check and
 * the attachment share a transaction, so concurrent attachments cannot pass the quota together.
 */
export function attachRolePolicy(deps: IamDeps): Operation {
  return defineOperation({
    service: "iam",
    name: "AttachRolePolicy",
    auth: "root",
    input: struct({ RoleName: required(roleNameShape), PolicyArn: required(arnShape) }),
    async handle(input) {
      await deps.store.transaction(async (tx) => {
        const role = await tx.roles.get(input.RoleName);
        if (!role) throw roleNotFound(input.RoleName);
        if (!(await tx.policies.get(input.PolicyArn))) throw policyNotAttachable(input.PolicyArn);
        if (role.attachedPolicyArns.includes(input.PolicyArn)) return;
        if (role.attachedPolicyArns.length >= MAX_POLICIES_PER_ROLE) {
          throw serviceError("IamLimitExceeded", `Cannot exceed quota for PoliciesPerRole: ${MAX_POLICIES_PER_ROLE}`);
        }
        await tx.roles.attachPolicy(role.roleName, input.PolicyArn);
      });
      return undefined;
    },
  });
}
