import { serviceError } from "../../errors/index.js";
import { defineOperation, type Operation, required, struct } from "../../protocol/index.js";
import { base32Chars, roleArn } from "../../shared/index.js";
import type { RoleRecord } from "../../store/index.js";
import type { IamDeps } from "../deps.js";
import { checkTrustPolicy } from "../roles/role-policies.js";
import { roleToWire } from "../roles/role-view.js";
import {
  arnShape,
  maxSessionDurationShape,
  pathShape,
  policyDocumentShape,
  roleDescriptionShape,
  roleNameShape,
  tagListShape,
} from "../shapes.js";
import { tagsFromWire } from "../tags.js";

/** IAM's default maximum session duration: one hour. */
export const DEFAULT_MAX_SESSION_DURATION_SECONDS = 3600;

/** Role ids are `AROA` + 17 base32 characters, the form IAM gives them. */
export function newRoleId(deps: Pick<IamDeps, "ids">): string {
  return `AROA${base32Chars(deps.ids, 17)}`;
}

export function createRole(deps: IamDeps): Operation {
  return defineOperation({
    service: "iam",
    name: "CreateRole",
    auth: "root",
    input: struct({
      RoleName: required(roleNameShape),
      Path: pathShape,
      AssumeRolePolicyDocument: required(policyDocumentShape),
      Description: roleDescriptionShape,
      MaxSessionDuration: maxSessionDurationShape,
      PermissionsBoundary: arnShape,
      Tags: tagListShape,
    }),
    async handle(input) {
      checkTrustPolicy(input.AssumeRolePolicyDocument);
      if (input.PermissionsBoundary !== undefined) {
        // idpool does not implement permissions boundaries; IAM's answer for a policy it cannot use as one.
        throw serviceError(
          "NoSuchEntity",
          `Scope ARN: ${input.PermissionsBoundary} does not exist or is not attachable.`,
        );
      }
      const tags = tagsFromWire(input.Tags);
      const path = input.Path ?? "/";
      const record: RoleRecord = {
        roleName: input.RoleName,
        roleId: newRoleId(deps),
        arn: roleArn(deps.accountId, path, input.RoleName),
        path,
        assumeRolePolicyDocument: input.AssumeRolePolicyDocument,
        description: input.Description || undefined,
        maxSessionDurationSeconds: input.MaxSessionDuration ?? DEFAULT_MAX_SESSION_DURATION_SECONDS,
        tags,
        inlinePolicies: {},
        attachedPolicyArns: [],
        createdAtMs: deps.clock.nowMs(),
        version: 1,
      };
      // The store decides uniqueness (names compare without regard to case).
      if (!(await deps.store.roles.create(record))) {
        throw serviceError("EntityAlreadyExists", `Role with name ${input.RoleName} already exists.`);
      }
      return { Role: roleToWire(record, { withTags: true }) };
    },
  });
}
