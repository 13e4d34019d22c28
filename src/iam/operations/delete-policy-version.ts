import { serviceError } from "../../errors/index.js";
import { defineOperation, type Operation, required, struct } from "../../protocol/index.js";
import type { IamDeps } from "../deps.js";
import { updatePolicy, versionOf } from "../policies/policy-store.js";
import { arnShape, policyVersionIdShape } from "../shapes.js";

/**
 * DeletePolicyVersion (https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeletePolicyVersion.html):
 * the default version cannot be deleted this way (DeletePolicy removes it with the policy).
 */
export function deletePolicyVersion(deps: IamDeps): Operation {
  return defineOperation({
    service: "iam",
    name: "DeletePolicyVersion",
    auth: "root",
    input: struct({ PolicyArn: required(arnShape), VersionId: required(policyVersionIdShape) }),
    async handle(input) {
      await updatePolicy(deps.store, input.PolicyArn, (policy) => {
        const version = versionOf(policy, input.VersionId);
        if (version.versionId === policy.defaultVersionId) {
          throw serviceError("DeleteConflict", "Cannot delete the default version of a policy.");
        }
        return { ...policy, versions: policy.versions.filter((v) => v !== version) };
      });
      return undefined;
    },
  });
}
