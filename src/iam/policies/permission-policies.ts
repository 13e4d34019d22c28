import type { PolicyRecord, RoleRecord, Store } from "../../store/index.js";
import { type PolicyDocument, parsePolicy } from "../policy/index.js";

/**
 * Parsed documents by stored record. The store hands out a new record object on every change
 * (and the read cache the same object until then), so record identity is the version: a WeakMap
 * keyed by it never serves a stale parse and lets old records go.
 */
const inlineByRole = new WeakMap<RoleRecord, readonly PolicyDocument[]>();
const defaultByPolicy = new WeakMap<PolicyRecord, PolicyDocument>();
const combinedByRole = new WeakMap<
  RoleRecord,
  { readonly policies: readonly PolicyRecord[]; readonly documents: readonly PolicyDocument[] }
>();

/** Documents were checked when written; failing here means the store was edited by hand (a server fault). */
function parseStored(text: string, what: string): PolicyDocument {
  const result = parsePolicy(text, "permission");
  if (!result.ok) throw new Error(`stored ${what} is invalid: ${result.reason}`);
  return result.document;
}

function inlineOf(role: RoleRecord): readonly PolicyDocument[] {
  let documents = inlineByRole.get(role);
  if (!documents) {
    documents = Object.keys(role.inlinePolicies)
      .sort()
      .map((name) => parseStored(role.inlinePolicies[name] ?? "", `inline policy ${name} of role ${role.roleName}`));
    inlineByRole.set(role, documents);
  }
  return documents;
}

/** The default version of a managed policy, parsed once per record. */
export function defaultDocumentOf(policy: PolicyRecord): PolicyDocument {
  let document = defaultByPolicy.get(policy);
  if (!document) {
    const version = policy.versions.find((v) => v.versionId === policy.defaultVersionId);
    if (!version) throw new Error(`policy ${policy.arn} has no default version ${policy.defaultVersionId}`);
    document = parseStored(version.document, `policy ${policy.arn} ${version.versionId}`);
    defaultByPolicy.set(policy, document);
  }
  return document;
}

/**
 * The permission policies that govern a role's sessions: its inline policies (in name order),
 * then the default version of each attached managed policy (in ARN order)
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html).
 * Made for the SigV4 gateway, which calls it on every request: policies are read through the
 * store's cache, and nothing is parsed again until a role or policy record changes; while none
 * has, the same array comes back.
 */
export async function permissionPoliciesOf(store: Store, role: RoleRecord): Promise<readonly PolicyDocument[]> {
  const inline = inlineOf(role);
  if (role.attachedPolicyArns.length === 0) return inline;
  const policies = await Promise.all(
    role.attachedPolicyArns.map(async (arn) => {
      const policy = await store.policies.get(arn);
      // The foreign keys keep attached policies; a missing one must not silently drop a Deny.
      if (!policy) throw new Error(`policy ${arn} attached to role ${role.roleName} does not exist`);
      return policy;
    }),
  );
  const previous = combinedByRole.get(role);
  if (previous?.policies.every((p, i) => p === policies[i])) return previous.documents;
  const documents = [...inline, ...policies.map(defaultDocumentOf)];
  combinedByRole.set(role, { policies, documents });
  return documents;
}
