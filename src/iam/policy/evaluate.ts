import { conditionClauses } from "./condition.js";
import type { ConditionBaseOperator, ConditionClause } from "./condition-operator.js";
import type { PolicyDocument, PolicyPrincipal, Statement } from "./model.js";

/**
 * Evaluates a trust policy for one request, by IAM's rules
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html):
 * an explicit Deny wins, else an Allow whose Principal, Action and Condition all match, else the
 * implicit deny.
 */
export interface TrustRequest {
  readonly action: string;
  /** e.g. `{ type: "Federated", id: "cognito-identity.amazonaws.com" }`. */
  readonly principal: { readonly type: "Federated" | "AWS" | "Service"; readonly id: string };
  /** Condition keys (any case) → request values; multi-valued keys (amr) have several. */
  readonly context: Readonly<Record<string, readonly string[]>>;
}

export type TrustDecision = "allow" | "explicit_deny" | "implicit_deny";

/** Compiled wildcard patterns: policies are few and evaluated on every credentials request. */
const compiledPatterns = new Map<string, RegExp>();
const MAX_COMPILED_PATTERNS = 10_000;

/** IAM wildcards: `*` any run, `?` one character. */
function wildcard(pattern: string, value: string, ignoreCase: boolean): boolean {
  if (!pattern.includes("*") && !pattern.includes("?")) {
    return ignoreCase ? pattern.toLowerCase() === value.toLowerCase() : pattern === value;
  }
  const key = `${ignoreCase ? "i" : "s"}${pattern}`;
  let re = compiledPatterns.get(key);
  if (!re) {
    const source = pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".");
    re = new RegExp(`^${source}$`, ignoreCase ? "is" : "s");
    if (compiledPatterns.size >= MAX_COMPILED_PATTERNS) compiledPatterns.clear();
    compiledPatterns.set(key, re);
  }
  return re.test(value);
}

function principalMatches(principal: PolicyPrincipal, request: TrustRequest["principal"]): boolean {
  if (principal === "*") return true;
  const listed = principal[request.type] ?? [];
  return listed.some((p) => p === "*" || p === request.id);
}

function statementApplies(s: Statement, req: TrustRequest): boolean {
  if (s.Principal !== undefined && !principalMatches(s.Principal, req.principal)) return false;
  if (s.NotPrincipal !== undefined && principalMatches(s.NotPrincipal, req.principal)) return false;
  // Action names are case-insensitive in IAM.
  if (s.Action && !s.Action.some((a) => wildcard(a, req.action, true))) return false;
  if (s.NotAction?.some((a) => wildcard(a, req.action, true))) return false;
  return conditionClauses(s.Condition).every((clause) => clauseHolds(clause, req.context));
}

/** Compares one request value with one policy value; undefined for operators web identity never meets. */
function compare(base: ConditionBaseOperator, requestValue: string, policyValue: string): boolean | undefined {
  switch (base) {
    case "StringEquals":
    case "ArnEquals":
      return requestValue === policyValue;
    case "StringEqualsIgnoreCase":
      return requestValue.toLowerCase() === policyValue.toLowerCase();
    case "StringLike":
    case "ArnLike":
      return wildcard(policyValue, requestValue, false);
    case "Bool":
      return requestValue.toLowerCase() === policyValue.toLowerCase();
    case "NumericEquals":
      return Number(requestValue) === Number(policyValue);
    case "NumericLessThan":
      return Number(requestValue) < Number(policyValue);
    case "NumericLessThanEquals":
      return Number(requestValue) <= Number(policyValue);
    case "NumericGreaterThan":
      return Number(requestValue) > Number(policyValue);
    case "NumericGreaterThanEquals":
      return Number(requestValue) >= Number(policyValue);
    default:
      return undefined;
  }
}

/** Negated operators are evaluated as "no listed value matches" (IAM's definition). */
const NEGATED: Partial<Record<ConditionBaseOperator, ConditionBaseOperator>> = {
  StringNotEquals: "StringEquals",
  StringNotEqualsIgnoreCase: "StringEqualsIgnoreCase",
  StringNotLike: "StringLike",
  ArnNotEquals: "ArnEquals",
  ArnNotLike: "ArnLike",
  NumericNotEquals: "NumericEquals",
};

function clauseHolds(clause: ConditionClause, context: TrustRequest["context"]): boolean {
  const { operator, values } = clause;
  const key = clause.key.toLowerCase();
  const found = Object.entries(context).find(([k]) => k.toLowerCase() === key)?.[1];
  const present = found !== undefined && found.length > 0;
  if (operator.base === "Null") return values.some((v) => (v.toLowerCase() === "true") === !present);
  const negatedBase = NEGATED[operator.base];
  const base = negatedBase ?? operator.base;
  const matchesAny = (requestValue: string): boolean => values.some((v) => compare(base, requestValue, v) === true);
  const itemHolds = (requestValue: string): boolean =>
    negatedBase ? !matchesAny(requestValue) : matchesAny(requestValue);
  if (operator.setQualifier === "ForAllValues") return !present || found.every(itemHolds);
  if (!present) return operator.ifExists || (negatedBase !== undefined && operator.setQualifier === undefined);
  if (operator.setQualifier === "ForAnyValue") return found.some(itemHolds);
  // A single-valued operator on a multi-valued key holds when some value matches (negated: none does).
  return negatedBase ? found.every(itemHolds) : found.some(itemHolds);
}

export function evaluateTrust(policy: PolicyDocument, request: TrustRequest): TrustDecision {
  let allowed = false;
  for (const statement of policy.Statement) {
    if (!statementApplies(statement, request)) continue;
    if (statement.Effect === "Deny") return "explicit_deny";
    allowed = true;
  }
  return allowed ? "allow" : "implicit_deny";
}
