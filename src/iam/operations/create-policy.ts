import { serviceError } from "../../errors/index.js";
import { defineOperation, type Operation, required, struct } from "../../protocol/index.js";
import { policyArn } from "../../shared/index.js";
import type { PolicyRecord } from "../../store/index.js";
import type { IamDeps } from "../deps.js";
import { checkManagedPolicyDocument, newPolicyId } from "../policies/policy-rules.js";
import { policyToWire } from "../policies/policy-view.js";
import {
  policyDescriptionShape,
  policyDocumentShape,
  policyNameShape,
  policyPathShape,
  tagListShape,
} from "../shapes.js";
import { tagsFromWire } from "../tags.js";

/**
 * CreatePolicy (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicy.html): the
 * document becomes version v1, the default. Names are unique in the account without regard to
 * case or path; the store decides.
 */
export function createPolicy(deps: IamDeps): Operation {
  return defineOperation({
    service: "iam",
    name: "CreatePolicy",
    auth: "root",
    input: struct({
      PolicyName: required(policyNameShape),
      Path: policyPathShape,
      PolicyDocument: required(policyDocumentShape),
      Description: policyDescriptionShape,
      Tags: tagListShape,
    }),
    async handle(input) {
      checkManagedPolicyDocument(input.PolicyDocument);
      const tags = tagsFromWire(input.Tags);
      const path = input.Path ?? "/";
      const nowMs = deps.clock.nowMs();
      const record: PolicyRecord = {
        arn: policyArn(deps.accountId, path, input.PolicyName),
        policyName: input.PolicyName,
        policyId: newPolicyId(deps),
        path,
        description: input.Description || undefined,
        tags,
        versions: [{ versionId: "v1", document: input.PolicyDocument, createdAtMs: nowMs }],
        defaultVersionId: "v1",
        nextVersionNumber: 2,
        createdAtMs: nowMs,
        version: 1,
      };
      if (!(await deps.store.policies.create(record))) {
        throw serviceError(
          "EntityAlreadyExists",
          `A policy called ${input.PolicyName} already exists. Duplicate names are not allowed.`,
        );
      }
      return { Policy: policyToWire(record, 0, { full: true }) };
    },
  });
}
