import { type ConditionClause, parseConditionOperator } from "./condition-operator.js";
import type { Condition, ConditionKeyValues } from "./model.js";
import { fail, isObject } from "./syntax.js";

/**
 * `Condition`: `{operator: {key: value | [values]}}`. Values may be strings, numbers or booleans in
 * JSON (`"Bool": {"aws:SecureTransport": true}`); they are kept as strings, the form in which IAM
 * compares them. Keys need a vendor prefix (`aws:`, `cognito-identity.amazonaws.com:`).
 */
const VENDOR_MESSAGE = "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.";

function conditionValue(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return fail("Syntax errors in policy: condition values must be strings, numbers or booleans.");
}

function keyValues(operator: string, block: unknown): ConditionKeyValues {
  if (!isObject(block)) fail(`Syntax errors in policy: the value of condition operator ${operator} must be an object.`);
  const out: Record<string, readonly string[]> = {};
  for (const [key, raw] of Object.entries(block)) {
    if (!/^[^:\s]+:\S+$/.test(key)) fail(VENDOR_MESSAGE);
    const items = Array.isArray(raw) ? raw : [raw];
    out[key] = items.map(conditionValue);
  }
  return out;
}

export function parseCondition(value: unknown): Condition {
  if (value === undefined) return {};
  if (!isObject(value)) return fail("Syntax errors in policy: Condition must be an object.");
  const out: Record<string, ConditionKeyValues> = {};
  for (const [operator, block] of Object.entries(value)) {
    if (!parseConditionOperator(operator)) fail(`Invalid Condition type : ${operator}`);
    out[operator] = keyValues(operator, block);
  }
  return out;
}

/** The clauses of a parsed Condition, with operators resolved; all of them must hold. */
export function conditionClauses(condition: Condition): ConditionClause[] {
  const clauses: ConditionClause[] = [];
  for (const [text, block] of Object.entries(condition)) {
    const operator = parseConditionOperator(text);
    // parseCondition admitted only known operators; a hand-built Condition may not have.
    if (!operator) throw new Error(`unknown condition operator ${text}`);
    for (const [key, values] of Object.entries(block)) clauses.push({ operator, key, values });
  }
  return clauses;
}
