import { iamTags, recordOfAnswer, textOf } from "./answer.js";
import { canonicalRole, policyText, policyValue, same } from "./canonical.js";
import { convergeIamTags, type Outcome } from "./converge-tags.js";
import type { FilePath } from "./field-path.js";
import type { RoleSpec } from "./file-schema.js";
import type { Call } from "./located-call.js";
import type { RoleState } from "./read-state.js";

/** IAM's default MaxSessionDuration (API_CreateRole). */
const DEFAULT_MAX_SESSION_SECONDS = 3600;

async function putPolicies(
  call: Call,
  roleName: string,
  desired: RoleSpec,
  current: RoleSpec | undefined,
  at: FilePath,
) {
  let changed = false;
  const have = current?.inlinePolicies ?? {};
  for (const [name, document] of Object.entries(desired.inlinePolicies ?? {})) {
    const before = Object.hasOwn(have, name) ? have[name] : undefined;
    if (before !== undefined && same(policyValue(before), policyValue(document))) continue;
    const field = [...at, "inlinePolicies", name];
    const input = { RoleName: roleName, PolicyName: name, PolicyDocument: policyText(document) };
    await call("iam", "PutRolePolicy", input, { at: field, members: { PolicyName: field, PolicyDocument: field } });
    changed = true;
  }
  for (const name of Object.keys(have).filter((n) => !Object.hasOwn(desired.inlinePolicies ?? {}, n))) {
    await call("iam", "DeleteRolePolicy", { RoleName: roleName, PolicyName: name }, { at: [...at, "inlinePolicies"] });
    changed = true;
  }
  return changed;
}

/**
 * Makes one IAM role what `desired` says (tags in full, `idpool:setup` included): CreateRole then
 * PutRolePolicy, or UpdateAssumeRolePolicy, UpdateRole, Put/DeleteRolePolicy and Tag/UntagRole
 * for what differs. IAM has no operation that moves a role to another path: the caller checks.
 */
export async function convergeRole(
  call: Call,
  desired: RoleSpec,
  current: RoleState | undefined,
  at: FilePath,
  created: (roleName: string) => void = () => {},
): Promise<{ readonly outcome: Outcome; readonly arn: string }> {
  const want = canonicalRole(desired);
  const tags = want.tags ?? {};
  const trust = [...at, "trustPolicy"];
  if (!current) {
    const input = {
      RoleName: desired.name,
      Path: desired.path,
      AssumeRolePolicyDocument: policyText(desired.trustPolicy),
      Description: desired.description,
      MaxSessionDuration: desired.maxSessionDuration,
      Tags: iamTags(tags),
    };
    const members = {
      RoleName: [...at, "name"],
      Path: [...at, "path"],
      AssumeRolePolicyDocument: trust,
      Description: [...at, "description"],
      MaxSessionDuration: [...at, "maxSessionDuration"],
      Tags: { tags: [...at, "tags"], keys: Object.keys(tags) },
    };
    const out = await call("iam", "CreateRole", input, { at, members });
    created(desired.name);
    await putPolicies(call, desired.name, desired, undefined, at);
    return { outcome: "created", arn: textOf(recordOfAnswer(out.Role).Arn) ?? "" };
  }
  const have = canonicalRole(current.spec);
  // IAM role names compare without regard to case; the calls name the role as IAM spells it.
  const roleName = current.spec.name;
  let changed = false;
  if (!same(want.trustPolicy, have.trustPolicy)) {
    const input = { RoleName: roleName, PolicyDocument: policyText(desired.trustPolicy) };
    await call("iam", "UpdateAssumeRolePolicy", input, { at: trust, members: { PolicyDocument: trust } });
    changed = true;
  }
  if (want.description !== have.description || want.maxSessionDuration !== have.maxSessionDuration) {
    const input = {
      RoleName: roleName,
      // An empty Description clears it (API_UpdateRole).
      Description: desired.description ?? "",
      MaxSessionDuration: desired.maxSessionDuration ?? DEFAULT_MAX_SESSION_SECONDS,
    };
    const members = { Description: [...at, "description"], MaxSessionDuration: [...at, "maxSessionDuration"] };
    await call("iam", "UpdateRole", input, { at, members });
    changed = true;
  }
  if (await putPolicies(call, roleName, desired, current.spec, at)) changed = true;
  const ops = { untag: "UntagRole", tag: "TagRole" };
  if (await convergeIamTags(call, ops, { RoleName: roleName }, tags, have.tags ?? {}, [...at, "tags"])) changed = true;
  return { outcome: changed ? "updated" : "unchanged", arn: current.arn };
}

/** IAM deletes a role only once its inline policies are gone (DeleteConflict otherwise). */
export async function deleteRole(call: Call, current: RoleState, at: FilePath): Promise<void> {
  for (const name of Object.keys(current.spec.inlinePolicies ?? {})) {
    await call("iam", "DeleteRolePolicy", { RoleName: current.spec.name, PolicyName: name }, { at });
  }
  await call("iam", "DeleteRole", { RoleName: current.spec.name }, { at });
}
