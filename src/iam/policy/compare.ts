import { BlockList, isIP } from "node:net";
import type { ConditionBaseOperator } from "./condition-operator.js";
import { matchPieces, type PatternPiece } from "./wildcard.js";

/**
 * One comparison of a request value with one policy value, per operator family, as
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 * defines them. Negated operators (`StringNotEquals`, `NotIpAddress`, …) are not here: they are
 * "no listed value matches" of their positive operator, which condition-eval.ts owns. A value that
 * does not parse for its family (a non-number for Numeric*, a non-date for Date*) matches nothing.
 */
export type PositiveOperator =
  | "StringEquals"
  | "StringEqualsIgnoreCase"
  | "StringLike"
  | "NumericEquals"
  | "NumericLessThan"
  | "NumericLessThanEquals"
  | "NumericGreaterThan"
  | "NumericGreaterThanEquals"
  | "DateEquals"
  | "DateLessThan"
  | "DateLessThanEquals"
  | "DateGreaterThan"
  | "DateGreaterThanEquals"
  | "Bool"
  | "BinaryEquals"
  | "IpAddress"
  | "ArnLike";

/** Each base operator as its positive form, and whether it negates it; `Null` is no comparison. */
export const POSITIVE_FORM: Readonly<
  Record<Exclude<ConditionBaseOperator, "Null">, readonly [PositiveOperator, boolean]>
> = {
  StringEquals: ["StringEquals", false],
  StringNotEquals: ["StringEquals", true],
  StringEqualsIgnoreCase: ["StringEqualsIgnoreCase", false],
  StringNotEqualsIgnoreCase: ["StringEqualsIgnoreCase", true],
  StringLike: ["StringLike", false],
  StringNotLike: ["StringLike", true],
  NumericEquals: ["NumericEquals", false],
  NumericNotEquals: ["NumericEquals", true],
  NumericLessThan: ["NumericLessThan", false],
  NumericLessThanEquals: ["NumericLessThanEquals", false],
  NumericGreaterThan: ["NumericGreaterThan", false],
  NumericGreaterThanEquals: ["NumericGreaterThanEquals", false],
  DateEquals: ["DateEquals", false],
  DateNotEquals: ["DateEquals", true],
  DateLessThan: ["DateLessThan", false],
  DateLessThanEquals: ["DateLessThanEquals", false],
  DateGreaterThan: ["DateGreaterThan", false],
  DateGreaterThanEquals: ["DateGreaterThanEquals", false],
  Bool: ["Bool", false],
  BinaryEquals: ["BinaryEquals", false],
  IpAddress: ["IpAddress", false],
  NotIpAddress: ["IpAddress", true],
  // ArnEquals and ArnLike are the same test: both allow wildcards in each of the six ARN components.
  ArnEquals: ["ArnLike", false],
  ArnLike: ["ArnLike", false],
  ArnNotEquals: ["ArnLike", true],
  ArnNotLike: ["ArnLike", true],
};

/** Operators whose policy values may hold policy variables and wildcards (string and ARN families). */
export function takesVariables(operator: PositiveOperator): boolean {
  return operator.startsWith("String") || operator === "ArnLike";
}

function numberOf(text: string): number | undefined {
  if (text.trim() === "") return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

/** Date* values: ISO 8601 or epoch (UNIX) seconds, as the Date condition operators accept. */
export function epochMsOf(text: string): number | undefined {
  const t = text.trim();
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t) * 1000;
  if (!/^\d{4}-\d{2}(-\d{2})?([T ][\d:.]+)?(Z|[+-]\d{2}(:?\d{2})?)?$/i.test(t)) return undefined;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? undefined : ms;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** BinaryEquals: the policy holds base64; request values are base64 too, compared byte for byte. */
function binaryEquals(requestValue: string, policyValue: string): boolean {
  if (!BASE64.test(requestValue) || !BASE64.test(policyValue)) return false;
  return Buffer.from(requestValue, "base64").equals(Buffer.from(policyValue, "base64"));
}

/** One block list per policy CIDR, built once (node:net BlockList handles IPv4 and IPv6 subnets). */
const blockLists = new Map<string, BlockList | null>();
const MAX_BLOCK_LISTS = 10_000;

function blockListOf(cidr: string): BlockList | null {
  let list = blockLists.get(cidr);
  if (list === undefined) {
    list = null;
    const [address = "", prefixText, ...extra] = cidr.trim().split("/");
    const family = isIP(address);
    const prefix = prefixText === undefined ? (family === 6 ? 128 : 32) : Number(prefixText);
    const maxPrefix = family === 6 ? 128 : 32;
    if (family !== 0 && extra.length === 0 && Number.isInteger(prefix) && prefix >= 0 && prefix <= maxPrefix) {
      list = new BlockList();
      list.addSubnet(address, prefix, family === 6 ? "ipv6" : "ipv4");
    }
    if (blockLists.size >= MAX_BLOCK_LISTS) blockLists.clear();
    blockLists.set(cidr, list);
  }
  return list;
}

function ipAddress(requestValue: string, policyValue: string): boolean {
  const family = isIP(requestValue);
  if (family === 0) return false;
  return blockListOf(policyValue)?.check(requestValue, family === 6 ? "ipv6" : "ipv4") ?? false;
}

function numeric(operator: PositiveOperator, a: number | undefined, b: number | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  if (operator.endsWith("LessThan")) return a < b;
  if (operator.endsWith("LessThanEquals")) return a <= b;
  if (operator.endsWith("GreaterThan")) return a > b;
  if (operator.endsWith("GreaterThanEquals")) return a >= b;
  return a === b;
}

/**
 * Whether `requestValue` satisfies `operator` against one policy value: `pieces` is that value with
 * its variables substituted (string and ARN families), `text` the same as one string.
 */
export function compareValue(
  operator: PositiveOperator,
  requestValue: string,
  text: string,
  pieces: readonly PatternPiece[],
): boolean {
  switch (operator) {
    case "StringEquals":
      return requestValue === text;
    case "StringEqualsIgnoreCase":
      return requestValue.toLowerCase() === text.toLowerCase();
    case "StringLike":
      return matchPieces(pieces, requestValue, "text");
    case "ArnLike":
      return matchPieces(pieces, requestValue, "arn");
    case "Bool":
      return requestValue.toLowerCase() === text.toLowerCase();
    case "BinaryEquals":
      return binaryEquals(requestValue, text);
    case "IpAddress":
      return ipAddress(requestValue, text);
    case "NumericEquals":
    case "NumericLessThan":
    case "NumericLessThanEquals":
    case "NumericGreaterThan":
    case "NumericGreaterThanEquals":
      return numeric(operator, numberOf(requestValue), numberOf(text));
    case "DateEquals":
    case "DateLessThan":
    case "DateLessThanEquals":
    case "DateGreaterThan":
    case "DateGreaterThanEquals":
      return numeric(operator, epochMsOf(requestValue), epochMsOf(text));
  }
}
