import { serviceError } from "../../errors/index.js";
import { base32Chars } from "../../shared/index.js";
import type { IamDeps } from "../deps.js";
import { type PolicyDocument, parsePolicy, policySize } from "../policy/index.js";

/**
 * IAM's managed-policy quotas (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html):
 * a managed policy holds 6,144 characters not counting white space, keeps at most five versions
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-versioning.html), and a
 * role has at most 10 managed policies attached by default (PoliciesPerRole).
 */
export const MAX_MANAGED_POLICY_SIZE = 6144;
export const MAX_POLICY_VERSIONS = 5;
export const MAX_POLICIES_PER_ROLE = 10;

/** Policy ids are `ANPA` + 17 base32 characters, as role ids are `AROA` + 17. */
export function newPolicyId(deps: Pick<IamDeps, "ids">): string {
  return `ANPA${base32Chars(deps.ids, 17)}`;
}

/** A managed policy's document: a permission policy (no Principal) within the size quota. */
export function checkManagedPolicyDocument(text: string): PolicyDocument {
  const result = parsePolicy(text, "permission");
  if (!result.ok) throw serviceError("MalformedPolicyDocument", result.reason);
  if (policySize(text) > MAX_MANAGED_POLICY_SIZE) {
    throw serviceError("IamLimitExceeded", `Cannot exceed quota for PolicySize: ${MAX_MANAGED_POLICY_SIZE}`);
  }
  return result.document;
}

/** GetPolicy's and DeletePolicy's answer for an unknown ARN, AWS managed ones included. */
export function policyNotFound(arn: string): Error {
  return serviceError("NoSuchEntity", `Policy ${arn} was not found.`);
}

/** AttachRolePolicy's answer for an unknown ARN (AWS managed policies do not exist in idpool). */
export function policyNotAttachable(arn: string): Error {
  return serviceError("NoSuchEntity", `Policy ${arn} does not exist or is not attachable.`);
}

export function policyVersionNotFound(arn: string, versionId: string): Error {
  return serviceError("NoSuchEntity", `Policy ${arn} version ${versionId} does not exist or is not attachable.`);
}
