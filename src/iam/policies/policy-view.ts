import type { PolicyRecord, PolicyVersionRecord } from "../../store/index.js";
import { optionalTags } from "../tags.js";

/**
 * UpdateDate is the creation time of the newest version, which is the policy's creation time
 * while it has one (https://docs.aws.amazon.com/IAM/latest/APIReference/API_Policy.html).
 */
export function updateDateOf(policy: PolicyRecord): Date {
  return new Date(Math.max(policy.createdAtMs, ...policy.versions.map((v) => v.createdAtMs)));
}

/**
 * A policy as IAM returns it. Listings leave out the description and tags, as ListPolicies does;
 * idpool has no permissions boundaries, so PermissionsBoundaryUsageCount is always 0, and every
 * customer managed policy is attachable.
 */
export function policyToWire(
  policy: PolicyRecord,
  attachmentCount: number,
  options: { readonly full: boolean },
): Record<string, unknown> {
  return {
    PolicyName: policy.policyName,
    PolicyId: policy.policyId,
    Arn: policy.arn,
    Path: policy.path,
    DefaultVersionId: policy.defaultVersionId,
    AttachmentCount: attachmentCount,
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    Description: options.full ? policy.description : undefined,
    CreateDate: new Date(policy.createdAtMs),
    UpdateDate: updateDateOf(policy),
    Tags: options.full ? optionalTags(policy.tags) : undefined,
  };
}

/**
 * A policy version (https://docs.aws.amazon.com/IAM/latest/APIReference/API_PolicyVersion.html):
 * the document URL-encoded, as IAM sends it, and only where the operation returns it
 * (GetPolicyVersion, not CreatePolicyVersion).
 */
export function versionToWire(
  policy: PolicyRecord,
  version: PolicyVersionRecord,
  options: { readonly withDocument: boolean },
): Record<string, unknown> {
  return {
    Document: options.withDocument ? encodeURIComponent(version.document) : undefined,
    VersionId: version.versionId,
    IsDefaultVersion: version.versionId === policy.defaultVersionId,
    CreateDate: new Date(version.createdAtMs),
  };
}
