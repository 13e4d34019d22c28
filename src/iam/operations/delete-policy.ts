import { serviceError } from "../../errors/index.js";
import { defineOperation, type Operation, required, struct } from "../../protocol/index.js";
import type { IamDeps } from "../deps.js";
import { policyNotFound } from "../policies/policy-rules.js";
import { arnShape } from "../shapes.js";

/**
 * DeletePolicy (https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeletePolicy.html): the
 * policy must be detached from every role and hold only its default version, which goes with it.
 * The checks and the delete share a transaction, so an attachment or a version created meanwhile
 * cannot be lost with the policy.
 */
export function deletePolicy(deps: IamDeps): Operation {
  return defineOperation({
    service: "iam",
    name: "DeletePolicy",
    auth: "root",
    input: struct({ PolicyArn: required(arnShape) }),
    async handle(input) {
      await deps.store.transaction(async (tx) => {
        const policy = await tx.policies.get(input.PolicyArn);
        if (!policy) throw policyNotFound(input.PolicyArn);
        if ((await tx.policies.attachmentCount(policy.arn)) > 0) {
          throw serviceError("DeleteConflict", "Cannot delete a policy attached to entities.");
        }
        if (policy.versions.length > 1) {
          throw serviceError(
            "DeleteConflict",
            "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
          );
        }
        if (!(await tx.policies.delete(policy.arn))) throw policyNotFound(input.PolicyArn);
      });
      return undefined;
    },
  });
}
