/**
 * Why a policy document was refused. Parsing throws this internally and `parsePolicy` turns it into
 * a result, so callers choose the wire error (IAM and STS both answer MalformedPolicyDocument,
 * under different catalogue entries). Messages follow IAM's where known (`This policy contains
 * invalid Json`, `Has prohibited field Resource`, `Missing required field Principal`, …).
 */
export class PolicySyntaxError extends Error {}

export function fail(message: string): never {
  throw new PolicySyntaxError(message);
}

export type JsonObject = Readonly<Record<string, unknown>>;

export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** A JSON string or non-empty array of strings, as lists; `what` names the element in messages. */
export function stringList(value: unknown, what: string): readonly string[] {
  const items = Array.isArray(value) ? value : [value];
  if (items.length === 0) fail(`Syntax errors in policy: ${what} must not be an empty list.`);
  for (const item of items) {
    if (typeof item !== "string") fail(`Syntax errors in policy: ${what} must be a string or a list of strings.`);
  }
  return items as string[];
}

export function checkKnownKeys(obj: JsonObject, known: readonly string[], where: string): void {
  for (const key of Object.keys(obj)) {
    if (!known.includes(key)) fail(`Syntax errors in policy: unknown field ${key} in ${where}.`);
  }
}
