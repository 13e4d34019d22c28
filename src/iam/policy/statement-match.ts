import { conditionClauses } from "./condition.js";
import { clauseHolds } from "./condition-eval.js";
import type { ConditionClause } from "./condition-operator.js";
import type { Condition, PolicyVersion, Statement } from "./model.js";
import type { RequestContext } from "./request-context.js";
import { resolve } from "./variables.js";
import { matchPieces, matchWildcard } from "./wildcard.js";

/**
 * The parts of a statement shared by trust and permission evaluation: Action / NotAction,
 * Resource / NotResource and Condition (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).
 * Principal is the trust evaluator's own concern.
 */

/**
 * Action / NotAction: case-insensitive, `*` and `?` wildcards, no policy variables
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html,
 * reference_policies_elements_notaction.html).
 */
export function actionMatches(statement: Statement, action: string): boolean {
  if (statement.Action) return statement.Action.some((a) => matchWildcard(a, action, "text-ci"));
  if (statement.NotAction) return !statement.NotAction.some((a) => matchWildcard(a, action, "text-ci"));
  return false;
}

/** One Resource entry: variables substituted (2012-10-17 only), ARN wildcard rules; no value → no match. */
function resourceEntryMatches(
  entry: string,
  resource: string,
  version: PolicyVersion,
  context: RequestContext,
): boolean {
  if (entry === "*") return true;
  const pieces = resolve(entry, version, context);
  return pieces !== undefined && matchPieces(pieces, resource, "arn");
}

/**
 * Resource / NotResource: case-sensitive, ARN wildcard rules (wildcard.ts), policy variables
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html,
 * reference_policies_elements_notresource.html). A statement with neither (a trust policy) applies
 * to the request's resource, which is the role itself.
 */
export function resourceMatches(
  statement: Statement,
  resource: string,
  version: PolicyVersion,
  context: RequestContext,
): boolean {
  if (statement.Resource) return statement.Resource.some((r) => resourceEntryMatches(r, resource, version, context));
  if (statement.NotResource) {
    return !statement.NotResource.some((r) => resourceEntryMatches(r, resource, version, context));
  }
  return true;
}

/** Flattened clauses per parsed Condition, so a policy's operators are resolved once, not per request. */
const clausesOf = new WeakMap<Condition, readonly ConditionClause[]>();

function clauses(condition: Condition): readonly ConditionClause[] {
  let list = clausesOf.get(condition);
  if (!list) {
    list = conditionClauses(condition);
    clausesOf.set(condition, list);
  }
  return list;
}

/** Every clause of the Condition block must hold (clauses are ANDed). */
export function conditionsHold(statement: Statement, version: PolicyVersion, context: RequestContext): boolean {
  return clauses(statement.Condition).every((clause) => clauseHolds(clause, context, version));
}
