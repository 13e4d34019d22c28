import { parseCondition } from "./condition.js";
import type { Effect, PolicyKind, PolicyPrincipal, Statement } from "./model.js";
import { parsePrincipal } from "./principal.js";
import { checkKnownKeys, fail, isObject, type JsonObject, stringList } from "./syntax.js";

/** Statement elements (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html). */
const STATEMENT_KEYS = [
  "Sid",
  "Effect",
  "Principal",
  "NotPrincipal",
  "Action",
  "NotAction",
  "Resource",
  "NotResource",
  "Condition",
] as const;

const VENDOR_MESSAGE = "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.";

function parseEffect(value: unknown): Effect {
  if (value === undefined) fail("Missing required field Effect");
  if (value !== "Allow" && value !== "Deny") fail(`Invalid effect: ${String(value)}`);
  return value;
}

function parseActions(value: unknown, what: string): readonly string[] {
  const actions = stringList(value, what);
  // `*`, or `service:ActionName` where the action part may hold `*` and `?` wildcards.
  for (const action of actions)
    if (action !== "*" && !/^[A-Za-z0-9_-]+:[A-Za-z0-9_*?-]*$/.test(action)) fail(VENDOR_MESSAGE);
  return actions;
}

function parseResources(value: unknown, what: string): readonly string[] {
  const resources = stringList(value, what);
  for (const r of resources) {
    if (r !== "*" && !r.startsWith("arn:")) fail(`Resource ${r} must be in ARN format or "*".`);
  }
  return resources;
}

/** Exactly one of `name` / `Not${name}` may appear; returns whichever did. */
function pair(obj: JsonObject, name: string): { positive: unknown; negative: unknown } {
  const positive = obj[name];
  const negative = obj[`Not${name}`];
  if (positive !== undefined && negative !== undefined) {
    fail(`Syntax errors in policy: a statement cannot have both ${name} and Not${name}.`);
  }
  return { positive, negative };
}

function principals(
  obj: JsonObject,
  kind: PolicyKind,
): { Principal?: PolicyPrincipal; NotPrincipal?: PolicyPrincipal } {
  const { positive, negative } = pair(obj, "Principal");
  if (kind === "permission") {
    if (positive !== undefined || negative !== undefined) fail("Policy document should not specify a principal.");
    return {};
  }
  if (positive === undefined && negative === undefined) fail("Missing required field Principal");
  return positive !== undefined ? { Principal: parsePrincipal(positive) } : { NotPrincipal: parsePrincipal(negative) };
}

function actions(obj: JsonObject, kind: PolicyKind): { Action?: readonly string[]; NotAction?: readonly string[] } {
  const { positive, negative } = pair(obj, "Action");
  if (positive === undefined && negative === undefined) {
    fail(kind === "trust" ? "Missing required field Action" : "Policy statement must contain actions.");
  }
  return positive !== undefined
    ? { Action: parseActions(positive, "Action") }
    : { NotAction: parseActions(negative, "NotAction") };
}

function resources(
  obj: JsonObject,
  kind: PolicyKind,
): { Resource?: readonly string[]; NotResource?: readonly string[] } {
  const { positive, negative } = pair(obj, "Resource");
  if (kind === "trust") {
    // A trust policy's resource is the role itself; IAM refuses one written out.
    if (positive !== undefined) fail("Has prohibited field Resource");
    if (negative !== undefined) fail("Has prohibited field NotResource");
    return {};
  }
  if (positive === undefined && negative === undefined) fail("Policy statement must contain resources.");
  return positive !== undefined
    ? { Resource: parseResources(positive, "Resource") }
    : { NotResource: parseResources(negative, "NotResource") };
}

export function parseStatement(value: unknown, kind: PolicyKind): Statement {
  if (!isObject(value)) fail("Syntax errors in policy: each statement must be a JSON object.");
  checkKnownKeys(value, STATEMENT_KEYS, "a statement");
  const sid = value.Sid;
  if (sid !== undefined && (typeof sid !== "string" || !/^[0-9A-Za-z]*$/.test(sid))) {
    fail(
      "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*",
    );
  }
  return {
    ...(typeof sid === "string" ? { Sid: sid } : {}),
    Effect: parseEffect(value.Effect),
    ...principals(value, kind),
    ...actions(value, kind),
    ...resources(value, kind),
    Condition: parseCondition(value.Condition),
  };
}
