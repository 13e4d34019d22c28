import type { PolicyDocument, Statement } from "./model.js";
import { type RequestContext, requestContext } from "./request-context.js";
import { actionMatches, conditionsHold, resourceMatches } from "./statement-match.js";

/**
 * Evaluates a principal's permission policies for one request, by IAM's logic for a single account
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html):
 *
 * 1. an explicit Deny in any policy, identity or session, wins;
 * 2. else the request must be allowed by an identity-based policy;
 * 3. and, when session policies were passed, also by at least one of them: session policies
 *    intersect the role's permissions, they never add to them
 *    (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session);
 * 4. anything else is the implicit deny.
 *
 * Pure and allocation-light: it runs on every gateway request, so patterns and clauses are compiled
 * once and cached (wildcard.ts, statement-match.ts) and the context is normalised once per request.
 */
export interface AuthorizationRequest {
  /** e.g. `execute-api:Invoke`. */
  readonly action: string;
  /** e.g. `arn:aws:execute-api:us-east-1:123456789012:idpool/$default/GET/users/alice`. */
  readonly resource: string;
  /** Condition keys (any case) → request values; multi-valued keys have several. */
  readonly context: Readonly<Record<string, readonly string[]>>;
}

export type PermissionDecision = "allow" | "explicit_deny" | "implicit_deny";

export interface PermissionPolicies {
  readonly identity: readonly PolicyDocument[];
  /** Session policies of the credentials (inline and managed); absent when none were passed. */
  readonly session?: readonly PolicyDocument[];
}

/** Which statement counted: the policy set, the policy's index in it, the statement's index and Sid. */
export interface StatementRef {
  readonly set: "identity" | "session";
  readonly policyIndex: number;
  readonly statementIndex: number;
  readonly sid?: string;
}

export interface PermissionEvaluation {
  readonly decision: PermissionDecision;
  /**
   * explicit_deny: the denying statement; allow: the identity statement that allowed, then the
   * session statement (when there are session policies); implicit_deny: none.
   */
  readonly statements: readonly StatementRef[];
  /** For implicit_deny: what was missing, for error messages. */
  readonly missing?: "identity_allow" | "session_allow";
}

interface SetScan {
  readonly deny: StatementRef | undefined;
  readonly allow: StatementRef | undefined;
}

function applies(s: Statement, doc: PolicyDocument, request: AuthorizationRequest, context: RequestContext): boolean {
  return (
    actionMatches(s, request.action) &&
    resourceMatches(s, request.resource, doc.Version, context) &&
    conditionsHold(s, doc.Version, context)
  );
}

function scan(
  set: StatementRef["set"],
  docs: readonly PolicyDocument[],
  request: AuthorizationRequest,
  context: RequestContext,
): SetScan {
  let allow: StatementRef | undefined;
  for (let p = 0; p < docs.length; p++) {
    const doc = docs[p];
    if (!doc) continue;
    for (let i = 0; i < doc.Statement.length; i++) {
      const s = doc.Statement[i];
      // Once an Allow is found only a Deny can change the outcome: skip Allows after it.
      if (!s || (allow && s.Effect === "Allow") || !applies(s, doc, request, context)) continue;
      const ref: StatementRef = { set, policyIndex: p, statementIndex: i, ...(s.Sid ? { sid: s.Sid } : {}) };
      if (s.Effect === "Deny") return { deny: ref, allow };
      allow = ref;
    }
  }
  return { deny: undefined, allow };
}

export function explainPermission(policies: PermissionPolicies, request: AuthorizationRequest): PermissionEvaluation {
  const context = requestContext(request.context);
  const identity = scan("identity", policies.identity, request, context);
  if (identity.deny) return { decision: "explicit_deny", statements: [identity.deny] };
  const session = policies.session ? scan("session", policies.session, request, context) : undefined;
  if (session?.deny) return { decision: "explicit_deny", statements: [session.deny] };
  if (!identity.allow) return { decision: "implicit_deny", statements: [], missing: "identity_allow" };
  if (!session) return { decision: "allow", statements: [identity.allow] };
  if (!session.allow) return { decision: "implicit_deny", statements: [], missing: "session_allow" };
  return { decision: "allow", statements: [identity.allow, session.allow] };
}

export function evaluatePermission(policies: PermissionPolicies, request: AuthorizationRequest): PermissionDecision {
  return explainPermission(policies, request).decision;
}
