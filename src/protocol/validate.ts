import { serviceError } from "../errors/index.js";
import type { ListShape, MapShape, NumberShape, Shape, StringShape, StructureShape } from "./shapes.js";

/**
 * Checks decoded input against the model constraints and answers as AWS's front end does:
 * `1 validation error detected: Value 'x' at 'identityPoolId' failed to satisfy constraint: …`
 * (reference §1.1). Wrong JSON types are a SerializationException, as in AWS JSON protocols.
 * Hand-written because the exact AWS message format is the product; no schema library emits it.
 */
const compiled = new WeakMap<StringShape, RegExp>();

function patternOf(shape: StringShape): RegExp | undefined {
  if (shape.pattern === undefined) return undefined;
  let re = compiled.get(shape);
  if (!re) {
    re = new RegExp(`^(?:${shape.pattern})$`, "u");
    compiled.set(shape, re);
  }
  return re;
}

const lowerFirst = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);

function render(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return `[${value.map(render).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    return `{${Object.entries(value)
      .map(([k, v]) => `${k}=${render(v)}`)
      .join(", ")}}`;
  }
  return String(value);
}

class Collector {
  readonly problems: string[] = [];
  add(path: string, value: unknown, constraint: string): void {
    const shown = value === undefined || value === null ? "null" : `'${render(value)}'`;
    this.problems.push(`Value ${shown} at '${path}' failed to satisfy constraint: ${constraint}`);
  }
}

function typeError(path: string, expected: string): never {
  throw serviceError("SerializationException", `Expected ${expected} at '${path}'`);
}

function checkString(shape: StringShape, value: unknown, path: string, out: Collector): void {
  if (typeof value !== "string") typeError(path, "a string");
  if (shape.min !== undefined && value.length < shape.min) {
    out.add(path, value, `Member must have length greater than or equal to ${shape.min}`);
  }
  if (shape.max !== undefined && value.length > shape.max) {
    out.add(path, value, `Member must have length less than or equal to ${shape.max}`);
  }
  const re = patternOf(shape);
  if (re && !re.test(value)) out.add(path, value, `Member must satisfy regular expression pattern: ${shape.pattern}`);
  if (shape.enum && !shape.enum.includes(value)) {
    out.add(path, value, `Member must satisfy enum value set: [${shape.enum.join(", ")}]`);
  }
}

function checkNumber(shape: NumberShape, value: unknown, path: string, out: Collector): void {
  if (typeof value !== "number" || !Number.isInteger(value)) typeError(path, "an integer");
  if (shape.min !== undefined && value < shape.min) {
    out.add(path, value, `Member must have value greater than or equal to ${shape.min}`);
  }
  if (shape.max !== undefined && value > shape.max) {
    out.add(path, value, `Member must have value less than or equal to ${shape.max}`);
  }
}

function checkSize(shape: ListShape | MapShape, size: number, value: unknown, path: string, out: Collector): void {
  if (shape.min !== undefined && size < shape.min) {
    out.add(path, value, `Member must have length greater than or equal to ${shape.min}`);
  }
  if (shape.max !== undefined && size > shape.max) {
    out.add(path, value, `Member must have length less than or equal to ${shape.max}`);
  }
}

function checkShape(shape: Shape, value: unknown, path: string, out: Collector): void {
  switch (shape.type) {
    case "string":
      checkString(shape, value, path, out);
      return;
    case "integer":
      checkNumber(shape, value, path, out);
      return;
    case "boolean":
      if (typeof value !== "boolean") typeError(path, "a boolean");
      return;
    case "list":
      if (!Array.isArray(value)) typeError(path, "a list");
      checkSize(shape, value.length, value, path, out);
      value.forEach((item, i) => {
        checkShape(shape.member, item, `${path}.${i + 1}.member`, out);
      });
      return;
    case "map": {
      if (value === null || typeof value !== "object" || Array.isArray(value)) typeError(path, "a map");
      const entries = Object.entries(value);
      checkSize(shape, entries.length, value, path, out);
      for (const [k, v] of entries) {
        checkString(shape.key, k, `${path}.key`, out);
        checkShape(shape.value, v, `${path}.${k}.member`, out);
      }
      return;
    }
    case "structure":
      checkStructure(shape, value, path, out);
      return;
  }
}

function checkStructure(shape: StructureShape, value: unknown, path: string, out: Collector): void {
  if (value === null || typeof value !== "object" || Array.isArray(value)) typeError(path || "body", "a structure");
  const record = value as Record<string, unknown>;
  for (const [name, member] of Object.entries(shape.members)) {
    const memberPath = path ? `${path}.${lowerFirst(name)}` : lowerFirst(name);
    const v = record[name];
    if (v === undefined || v === null) {
      // JSON null means "absent" to AWS; drop it so handlers only ever see undefined.
      if (v === null) delete record[name];
      if (member.required) out.add(memberPath, undefined, "Member must not be null");
      continue;
    }
    checkShape(member.shape, v, memberPath, out);
  }
}

/**
 * Validates `input` against `shape`; throws ValidationException listing every violation.
 * Members not in the model are ignored, as AWS does. Returns the input narrowed to T.
 */
export function validateInput<T>(shape: StructureShape, input: unknown): T {
  const out = new Collector();
  checkStructure(shape, input, "", out);
  const count = out.problems.length;
  if (count > 0) {
    const head = count === 1 ? "1 validation error detected: " : `${count} validation errors detected: `;
    throw serviceError("ValidationException", head + out.problems.join("; "));
  }
  return input as T;
}
