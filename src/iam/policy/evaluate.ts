import type { PolicyDocument, PolicyPrincipal } from "./model.js";
import { requestContext } from "./request-context.js";
import { actionMatches, conditionsHold } from "./statement-match.js";

/**
 * Evaluates a trust policy for one request, by IAM's rules
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html):
 * an explicit Deny wins, else an Allow whose Principal, Action and Condition all match, else the
 * implicit deny. Action and Condition matching are shared with the permission evaluator
 * (statement-match.ts); a trust statement has no Resource, its resource being the role.
 */
export interface TrustRequest {
  readonly action: string;
  /** e.g. `{ type: "Federated", id: "cognito-identity.amazonaws.com" }`. */
  readonly principal: { readonly type: "Federated" | "AWS" | "Service"; readonly id: string };
  /** Condition keys (any case) → request values; multi-valued keys (amr) have several. */
  readonly context: Readonly<Record<string, readonly string[]>>;
}

export type TrustDecision = "allow" | "explicit_deny" | "implicit_deny";

function principalMatches(principal: PolicyPrincipal, request: TrustRequest["principal"]): boolean {
  if (principal === "*") return true;
  const listed = principal[request.type] ?? [];
  return listed.some((p) => p === "*" || p === request.id);
}

export function evaluateTrust(policy: PolicyDocument, request: TrustRequest): TrustDecision {
  const context = requestContext(request.context);
  let allowed = false;
  for (const s of policy.Statement) {
    if (s.Principal !== undefined && !principalMatches(s.Principal, request.principal)) continue;
    if (s.NotPrincipal !== undefined && principalMatches(s.NotPrincipal, request.principal)) continue;
    if (!actionMatches(s, request.action) || !conditionsHold(s, policy.Version, context)) continue;
    if (s.Effect === "Deny") return "explicit_deny";
    allowed = true;
  }
  return allowed ? "allow" : "implicit_deny";
}
