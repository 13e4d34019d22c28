import { serviceError } from "../../errors/index.js";
import { defineOperation, type Operation, required, struct } from "../../protocol/index.js";
import type { IamDeps } from "../deps.js";
import { checkManagedPolicyDocument, MAX_POLICY_VERSIONS } from "../policies/policy-rules.js";
import { updatePolicy } from "../policies/policy-store.js";
import { versionToWire } from "../policies/policy-view.js";
import { arnShape, booleanShape, policyDocumentShape } from "../shapes.js";

/**
 * CreatePolicyVersion (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicyVersion.html):
 * at most five versions; ids count up and are never reused; the new version becomes the default
 * only with SetAsDefault. The answer leaves the document out, as IAM's does.
 */
export function createPolicyVersion(deps: IamDeps): Operation {
  return defineOperation({
    service: "iam",
    name: "CreatePolicyVersion",
    auth: "root",
    input: struct({
      PolicyArn: required(arnShape),
      PolicyDocument: required(policyDocumentShape),
      SetAsDefault: booleanShape,
    }),
    async handle(input) {
      checkManagedPolicyDocument(input.PolicyDocument);
      const nowMs = deps.clock.nowMs();
      const stored = await updatePolicy(deps.store, input.PolicyArn, (policy) => {
        if (policy.versions.length >= MAX_POLICY_VERSIONS) {
          throw serviceError(
            "IamLimitExceeded",
            `A managed policy can have up to ${MAX_POLICY_VERSIONS} versions. Before you create a new version, you must delete an existing version.`,
          );
        }
        const versionId = `v${policy.nextVersionNumber}`;
        return {
          ...policy,
          versions: [...policy.versions, { versionId, document: input.PolicyDocument, createdAtMs: nowMs }],
          defaultVersionId: input.SetAsDefault ? versionId : policy.defaultVersionId,
          nextVersionNumber: policy.nextVersionNumber + 1,
        };
      });
      const created = stored.versions[stored.versions.length - 1];
      if (!created) throw new Error("a created policy version vanished");
      return { PolicyVersion: versionToWire(stored, created, { withDocument: false }) };
    },
  });
}
