import type { RoleRecord } from "../../store/index.js";
import { optionalTags } from "../tags.js";

/**
 * A role as IAM returns it. Policy documents come back URL-encoded, exactly as IAM sends them
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_Role.html); the SDKs leave decoding to
 * the caller. List operations omit tags, as ListRoles does; RoleLastUsed is not tracked.
 */
export function roleToWire(role: RoleRecord, options: { readonly withTags: boolean }): Record<string, unknown> {
  return {
    Path: role.path,
    RoleName: role.roleName,
    RoleId: role.roleId,
    Arn: role.arn,
    CreateDate: new Date(role.createdAtMs),
    AssumeRolePolicyDocument: encodeURIComponent(role.assumeRolePolicyDocument),
    Description: role.description,
    MaxSessionDuration: role.maxSessionDurationSeconds,
    Tags: options.withTags ? optionalTags(role.tags) : undefined,
  };
}
