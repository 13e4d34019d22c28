import { conditionClauses } from "./condition.js";
import { clauseHolds } from "./condition-eval.js";
import type { ConditionClause } from "./condition-operator.js";
import type { Condition, PolicyVersion, Statement } from "./model.js";
import type { RequestContext } from "./request-context.js";
import { resolve } from "./variables.js";
import { matchAnyWildcard, matchPieces, matchWildcard } from "./wildcard.js";

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
  if (statement.Action) return matchAnyWildcard(statement.Action, action, "text-ci");
  if (statement.NotAction) return !matchAnyWildcard(statement.NotAction, action, "text-ci");
  return false;
}

/** Whether some entry of a Resource / NotResource list matches; variable-free lists are one compiled test. */
function resourceListMatches(
  list: readonly string[],
  resource: string,
  version: PolicyVersion,
  context: RequestContext,
): boolean {
  if (version !== "2012-10-17" || !hasVariables(list)) return matchAnyWildcard(list, resource, "arn");
  return list.some((r) => resourceEntryMatches(r, resource, version, context));
}

const variableLists = new WeakMap<readonly string[], boolean>();

function hasVariables(list: readonly string[]): boolean {
  let found = variableLists.get(list);
  if (found === undefined) {
    found = list.some((r) => r.includes("${"));
    variableLists.set(list, found);
  }
  return found;
}

/**
 * One Resource entry: variables substituted (2012-10-17 only), ARN wildcard rules. An entry whose
 * variable has no value matches nothing: in Resource the statement then does not apply to the
 * request, in NotResource the entry excludes nothing (reference_policies_variables.html,
 * "Policy variables with no value").
 */
function resourceEntryMatches(
  entry: string,
  resource: string,
  version: PolicyVersion,
  context: RequestContext,
): boolean {
  if (entry === "*") return true;
  // In a list mixing plain entries with variable ones, match the plain ones without building pieces.
  if (!entry.includes("${")) return matchWildcard(entry, resource, "arn");
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
  if (statement.Resource) return resourceListMatches(statement.Resource, resource, version, context);
  if (statement.NotResource) return !resourceListMatches(statement.NotResource, resource, version, context);
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
