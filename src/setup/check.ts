import type { FilePath } from "./field-path.js";
import type { Def, Infer, ObjectDef } from "./schema-kit.js";

export interface Violation {
  readonly path: FilePath;
  readonly message: string;
}

const isObject = (value: unknown): value is Readonly<Record<string, unknown>> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

const compiled = new Map<string, RegExp>();
function matches(pattern: string, value: string): boolean {
  let re = compiled.get(pattern);
  if (!re) {
    re = new RegExp(`^(?:${pattern})$`, "u");
    compiled.set(pattern, re);
  }
  return re.test(value);
}

/** YAML reads `123`, `true` and `null` unquoted as other types; a string member says how to write it. */
function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : `the ${typeof value} ${JSON.stringify(value)}`;
}

function check(def: Def, value: unknown, path: FilePath, out: Violation[]): unknown {
  const wrong = (expected: string, hint = ""): undefined => {
    out.push({ path, message: `must be ${expected}, not ${typeName(value)}${hint}` });
    return undefined;
  };
  switch (def.kind) {
    case "string":
      if (typeof value !== "string") {
        return wrong("a string", typeof value === "number" || typeof value === "boolean" ? " (quote it)" : "");
      }
      if (def.enum && !def.enum.includes(value)) {
        out.push({ path, message: `must be one of ${def.enum.join(", ")}, not ${JSON.stringify(value)}` });
      } else if (def.pattern !== undefined && !matches(def.pattern, value)) {
        out.push({ path, message: `must match ${def.pattern}, not ${JSON.stringify(value)}` });
      }
      return value;
    case "boolean":
      return typeof value === "boolean" ? value : wrong("true or false");
    case "integer":
      return typeof value === "number" && Number.isInteger(value) ? value : wrong("an integer");
    case "array":
      if (!Array.isArray(value)) return wrong("a list");
      return value.map((item: unknown, i) => check(def.item, item, [...path, i], out));
    case "record":
      if (!isObject(value)) return wrong("an object");
      // fromEntries defines own properties, so a key such as `__proto__` stays a plain key.
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, check(def.value, v, [...path, k], out)]));
    case "object":
      return checkObject(def, value, path, out);
    case "json-object":
      return isObject(value) ? value : wrong("an object");
    case "text-or-object":
      return typeof value === "string" || isObject(value) ? value : wrong("a string or an object");
  }
}

function checkObject(def: ObjectDef, value: unknown, path: FilePath, out: Violation[]): unknown {
  if (!isObject(value)) {
    out.push({ path, message: `must be an object, not ${typeName(value)}` });
    return undefined;
  }
  const copy: Record<string, unknown> = {};
  const known = [...Object.keys(def.required), ...Object.keys(def.optional)];
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) {
      out.push({ path: [...path, key], message: `is not a member here; the members are ${known.join(", ")}` });
    }
  }
  for (const [name, member] of [...Object.entries(def.required), ...Object.entries(def.optional)]) {
    const v = Object.hasOwn(value, name) ? value[name] : undefined;
    // An empty YAML value (`name:`) is null: absent, as JSON null is absent to AWS.
    if (v === undefined || v === null) {
      if (Object.hasOwn(def.required, name)) out.push({ path: [...path, name], message: "is required" });
      continue;
    }
    copy[name] = check(member, v, [...path, name], out);
  }
  return copy;
}

/**
 * Checks parsed file content against a definition: every violation with its path, or the value
 * typed. Members outside the definition are refused (a misspelt member would otherwise be a
 * silent no-op), and the value returned is a copy holding only the defined members.
 */
export function checkValue<D extends Def>(
  def: D,
  value: unknown,
): { readonly ok: true; readonly value: Infer<D> } | { readonly ok: false; readonly violations: Violation[] } {
  const violations: Violation[] = [];
  const checked: unknown = check(def, value, [], violations);
  if (violations.length > 0) return { ok: false, violations };
  // The one assertion: `checked` was built from `def` member by member, each value checked
  // against its definition, which is what Infer<D> describes; one untyped walker serves every
  // definition, so TypeScript cannot follow D through it (as protocol's validateInput).
  return { ok: true, value: checked as Infer<D> };
}
