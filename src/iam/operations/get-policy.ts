import { defineOperation, type Operation, required, struct } from "../../protocol/index.js";
import type { IamDeps } from "../deps.js";
import { loadPolicy } from "../policies/policy-store.js";
import { policyToWire } from "../policies/policy-view.js";
import { arnShape } from "../shapes.js";

/** GetPolicy (https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetPolicy.html): metadata, no document. */
export function getPolicy(deps: IamDeps): Operation {
  return defineOperation({
    service: "iam",
    name: "GetPolicy",
    auth: "root",
    input: struct({ PolicyArn: required(arnShape) }),
    async handle(input) {
      const policy = await loadPolicy(deps.store, input.PolicyArn);
      const count = await deps.store.policies.attachmentCount(policy.arn);
      return { Policy: policyToWire(policy, count, { full: true }) };
    },
  });
}
