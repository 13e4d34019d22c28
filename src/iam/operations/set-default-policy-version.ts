import { defineOperation, type Operation, required, struct } from "../../protocol/index.js";
import type { IamDeps } from "../deps.js";
import { updatePolicy, versionOf } from "../policies/policy-store.js";
import { arnShape, policyVersionIdShape } from "../shapes.js";

/**
 * SetDefaultPolicyVersion (https://docs.aws.amazon.com/IAM/latest/APIReference/API_SetDefaultPolicyVersion.html):
 * the version every role the policy is attached to is then governed by.
 */
export function setDefaultPolicyVersion(deps: IamDeps): Operation {
  return defineOperation({
    service: "iam",
    name: "SetDefaultPolicyVersion",
    auth: "root",
    input: struct({ PolicyArn: required(arnShape), VersionId: required(policyVersionIdShape) }),
    async handle(input) {
      await updatePolicy(deps.store, input.PolicyArn, (policy) => ({
        ...policy,
        defaultVersionId: versionOf(policy, input.VersionId).versionId,
      }));
      return undefined;
    },
  });
}
