import { defineOperation, type Operation, required, struct } from "../../protocol/index.js";
import type { IamDeps } from "../deps.js";
import { loadPolicy, versionOf } from "../policies/policy-store.js";
import { versionToWire } from "../policies/policy-view.js";
import { arnShape, policyVersionIdShape } from "../shapes.js";

/**
 * GetPolicyVersion (https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetPolicyVersion.html):
 * the document comes back URL-encoded, as GetRolePolicy's does.
 */
export function getPolicyVersion(deps: IamDeps): Operation {
  return defineOperation({
    service: "iam",
    name: "GetPolicyVersion",
    auth: "root",
    input: struct({ PolicyArn: required(arnShape), VersionId: required(policyVersionIdShape) }),
    async handle(input) {
      const policy = await loadPolicy(deps.store, input.PolicyArn);
      const version = versionOf(policy, input.VersionId);
      return { PolicyVersion: versionToWire(policy, version, { withDocument: true }) };
    },
  });
}
