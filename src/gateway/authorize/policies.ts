import {
  awsManagedSessionPolicy,
  defaultDocumentOf,
  findRoleByArn,
  type PolicyDocument,
  parsePolicy,
  permissionPoliciesOf,
} from "../../iam/index.js";
import type { PrincipalSession } from "../../shared/index.js";
import type { Store } from "../../store/index.js";
import type { PolicySource } from "../deps.js";

/** Session policy texts parsed once: a client signs many requests with one set of credentials. */
const MAX_PARSED_SESSION_POLICIES = 1000;

/**
 * The policies of a session, from the store `serve` writes: the role's as IAM holds them now (so
 * a policy change applies to credentials already issued, as on AWS), and the session policies
 * fixed when the credentials were issued. The store's configuration cache serves the role and its
 * policies; this keeps the parsed session policies.
 */
export function storePolicySource(store: Store, accountId: string): PolicySource {
  const parsed = new Map<string, PolicyDocument | undefined>();
  const parseSessionPolicy = (text: string): PolicyDocument | undefined => {
    if (parsed.has(text)) return parsed.get(text);
    // STS validated it when the credentials were issued; a document that no longer parses allows nothing.
    const result = parsePolicy(text, "permission");
    const document = result.ok ? result.document : undefined;
    if (parsed.size >= MAX_PARSED_SESSION_POLICIES) parsed.clear();
    parsed.set(text, document);
    return document;
  };
  const managedSessionPolicy = async (arn: string): Promise<PolicyDocument | undefined> => {
    const awsManaged = awsManagedSessionPolicy(arn);
    if (awsManaged) return awsManaged;
    const policy = await store.policies.get(arn);
    return policy ? defaultDocumentOf(policy) : undefined;
  };
  return {
    async rolePolicies(roleArn) {
      const role = await findRoleByArn(store, accountId, roleArn);
      return role ? permissionPoliciesOf(store, role) : undefined;
    },
    async sessionPolicies(session: PrincipalSession) {
      if (session.policy === undefined && session.policyArns === undefined) return undefined;
      const documents: PolicyDocument[] = [];
      const inline = session.policy === undefined ? undefined : parseSessionPolicy(session.policy);
      if (inline) documents.push(inline);
      for (const arn of session.policyArns ?? []) {
        const document = await managedSessionPolicy(arn);
        if (document) documents.push(document);
      }
      // Session policies were given: those that are gone allow nothing, so none left denies all.
      return documents;
    },
  };
}
