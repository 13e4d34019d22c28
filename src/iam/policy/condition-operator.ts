/**
 * Condition operators IAM knows, with the `ForAnyValue:` / `ForAllValues:` set qualifiers and the
 * `IfExists` suffix (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html).
 * A document with an unknown operator is rejected when written, so evaluation never meets one.
 */
export const CONDITION_BASE_OPERATORS = [
  "StringEquals",
  "StringNotEquals",
  "StringEqualsIgnoreCase",
  "StringNotEqualsIgnoreCase",
  "StringLike",
  "StringNotLike",
  "NumericEquals",
  "NumericNotEquals",
  "NumericLessThan",
  "NumericLessThanEquals",
  "NumericGreaterThan",
  "NumericGreaterThanEquals",
  "DateEquals",
  "DateNotEquals",
  "DateLessThan",
  "DateLessThanEquals",
  "DateGreaterThan",
  "DateGreaterThanEquals",
  "Bool",
  "BinaryEquals",
  "IpAddress",
  "NotIpAddress",
  "ArnEquals",
  "ArnLike",
  "ArnNotEquals",
  "ArnNotLike",
  "Null",
] as const;

export type ConditionBaseOperator = (typeof CONDITION_BASE_OPERATORS)[number];

export type SetQualifier = "ForAnyValue" | "ForAllValues";

export interface ConditionOperator {
  /** As written in the document. */
  readonly text: string;
  readonly base: ConditionBaseOperator;
  /** How a multi-valued request key is compared; undefined for single-valued comparison. */
  readonly setQualifier: SetQualifier | undefined;
  /** `…IfExists`: the clause holds when the key is absent from the request. */
  readonly ifExists: boolean;
}

const BASES: ReadonlySet<string> = new Set(CONDITION_BASE_OPERATORS);

function isBase(text: string): text is ConditionBaseOperator {
  return BASES.has(text);
}

/** Undefined when `text` is not an operator IAM accepts. */
export function parseConditionOperator(text: string): ConditionOperator | undefined {
  let rest = text;
  let setQualifier: SetQualifier | undefined;
  for (const q of ["ForAnyValue", "ForAllValues"] as const) {
    if (rest.startsWith(`${q}:`)) {
      setQualifier = q;
      rest = rest.slice(q.length + 1);
      break;
    }
  }
  let ifExists = false;
  // `Null` tests existence itself, so `NullIfExists` means nothing and IAM rejects it.
  if (rest.endsWith("IfExists") && rest !== "IfExists") {
    ifExists = true;
    rest = rest.slice(0, -"IfExists".length);
    if (rest === "Null") return undefined;
  }
  if (!isBase(rest)) return undefined;
  return { text, base: rest, setQualifier, ifExists };
}

/** One `operator: {key: values}` pair of a statement's Condition, flattened for evaluation. */
export interface ConditionClause {
  readonly operator: ConditionOperator;
  readonly key: string;
  readonly values: readonly string[];
}
