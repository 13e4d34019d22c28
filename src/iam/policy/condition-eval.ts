import { compareValue, POSITIVE_FORM, takesVariables } from "./compare.js";
import type { ConditionClause } from "./condition-operator.js";
import type { PolicyVersion } from "./model.js";
import type { RequestContext } from "./request-context.js";
import { piecesText, resolve } from "./variables.js";
import type { PatternPiece } from "./wildcard.js";

/**
 * Whether one condition clause (`operator: {key: values}`) holds for a request, by
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 * and reference_policies_condition-single-vs-multi-valued-context-keys.html:
 *
 * - the listed policy values are ORed: the clause's test holds when any of them matches;
 * - a negated operator (`StringNotEquals`, `NotIpAddress`, …) holds when no listed value matches;
 * - a key absent from the request: the clause is false, except that a negated operator is true
 *   ("If the policy condition requires that the key is not matched, such as StringNotLike or
 *   ArnNotLike, and the right key is not present, the condition is true"), `…IfExists` is true,
 *   `ForAllValues:` is true (a vacuous "every value") and `ForAnyValue:` is false;
 * - `Null`: `true` holds when the key is absent, `false` when it is present;
 * - `ForAnyValue:` holds when at least one request value passes the test, `ForAllValues:` when
 *   every one does; without a qualifier a multivalued key passes when some value matches (negated:
 *   when none does), which is what IAM does for single-valued operators on such keys.
 */
interface PreparedValue {
  readonly text: string;
  readonly pieces: readonly PatternPiece[];
}

/** Prepared values of clauses without variables, reused across requests (values lists are the parsed policy's). */
const fixedValues = new WeakMap<readonly string[], readonly PreparedValue[]>();

function fixed(values: readonly string[]): readonly PreparedValue[] {
  let prepared = fixedValues.get(values);
  if (!prepared) {
    prepared = values.map((text) => ({ text, pieces: [{ literal: false, text }] }));
    fixedValues.set(values, prepared);
  }
  return prepared;
}

function prepare(
  values: readonly string[],
  substitute: boolean,
  version: PolicyVersion,
  context: RequestContext,
): readonly PreparedValue[] {
  if (!substitute || version !== "2012-10-17" || !values.some((v) => v.includes("${"))) return fixed(values);
  const prepared: PreparedValue[] = [];
  for (const value of values) {
    // A value whose variable has no value is dropped: it can equal or be like nothing.
    const pieces = resolve(value, version, context);
    if (pieces) prepared.push({ text: piecesText(pieces), pieces });
  }
  return prepared;
}

export function clauseHolds(clause: ConditionClause, context: RequestContext, version: PolicyVersion): boolean {
  const { operator, values } = clause;
  const found = context.get(clause.key.toLowerCase());
  if (operator.base === "Null") {
    // Listed values are ORed as for any operator: "true" asks for absence, "false" for presence.
    return values.some((v) => (v.toLowerCase() === "true") === (found === undefined));
  }
  const [positive, negated] = POSITIVE_FORM[operator.base];
  if (found === undefined) {
    if (operator.ifExists) return true;
    if (operator.setQualifier === "ForAllValues") return true;
    if (operator.setQualifier === "ForAnyValue") return false;
    return negated;
  }
  const prepared = prepare(values, takesVariables(positive), version, context);
  const matchesAny = (requestValue: string): boolean =>
    prepared.some((p) => compareValue(positive, requestValue, p.text, p.pieces));
  const passes = (requestValue: string): boolean => matchesAny(requestValue) !== negated;
  if (operator.setQualifier === "ForAllValues") return found.every(passes);
  if (operator.setQualifier === "ForAnyValue") return found.some(passes);
  return negated ? found.every(passes) : found.some(passes);
}
