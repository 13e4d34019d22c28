import { serviceError } from "../../errors/index.js";
import type { RoleRecord } from "../../store/index.js";
import { type PolicyDocument, type PolicyKind, parsePolicy, policySize } from "../policy/index.js";

/**
 * Policy documents are checked when written (MalformedPolicyDocument) and against IAM's size
 * quotas, which count characters other than white space
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html): a trust policy
 * holds 2,048, and all inline policies of one role together 10,240.
 */
export const MAX_TRUST_POLICY_SIZE = 2048;
export const MAX_ROLE_INLINE_POLICIES_SIZE = 10240;

function parsedOrThrow(text: string, kind: PolicyKind): PolicyDocument {
  const result = parsePolicy(text, kind);
  if (!result.ok) throw serviceError("MalformedPolicyDocument", result.reason);
  return result.document;
}

export function checkTrustPolicy(text: string): PolicyDocument {
  const document = parsedOrThrow(text, "trust");
  if (policySize(text) > MAX_TRUST_POLICY_SIZE) {
    throw serviceError("IamLimitExceeded", `Cannot exceed quota for ACLSizePerRole: ${MAX_TRUST_POLICY_SIZE}`);
  }
  return document;
}

export function checkPermissionPolicy(text: string): PolicyDocument {
  return parsedOrThrow(text, "permission");
}

/** The role's inline policies with `name` set to `text`, within the aggregate quota. */
export function withInlinePolicy(role: RoleRecord, name: string, text: string): Readonly<Record<string, string>> {
  const policies = { ...role.inlinePolicies, [name]: text };
  const total = Object.values(policies).reduce((sum, doc) => sum + policySize(doc), 0);
  if (total > MAX_ROLE_INLINE_POLICIES_SIZE) {
    throw serviceError(
      "IamLimitExceeded",
      `Maximum policy size of ${MAX_ROLE_INLINE_POLICIES_SIZE} bytes exceeded for role ${role.roleName}`,
    );
  }
  return policies;
}

/** Parsed trust policies by role record: records are replaced, never mutated, on change. */
const parsedTrust = new WeakMap<RoleRecord, PolicyDocument>();

/**
 * A stored role's trust policy, parsed for evaluation once per record. It was checked when
 * written, so a failure here means the store was edited by hand; that is a server fault, not the
 * caller's.
 */
export function trustPolicyOf(role: RoleRecord): PolicyDocument {
  let document = parsedTrust.get(role);
  if (!document) {
    const result = parsePolicy(role.assumeRolePolicyDocument, "trust");
    if (!result.ok) throw new Error(`stored trust policy of role ${role.roleName} is invalid: ${result.reason}`);
    document = result.document;
    parsedTrust.set(role, document);
  }
  return document;
}
