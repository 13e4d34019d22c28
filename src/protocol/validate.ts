import { serviceError } from "../errors/index.js";
import { hasControlCharacter } from "../shared/index.js";
import {
  type Infer,
  isRequired,
  type ListShape,
  type MapShape,
  memberShape,
  type NumberShape,
  type Shape,
  type StringShape,
  type StructureShape,
} from "./shapes.js";
import { Collector, cut } from "./violations.js";

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

function typeError(path: string, expected: string): never {
  throw serviceError("SerializationException", `Expected ${expected} at '${path}'`);
}

/**
 * PostgreSQL cannot store U+0000 in text and SQLite can, so a NUL anywhere would make the two
 * engines answer differently (500 against success): every string refuses it. Shapes that become
 * identities refuse every control character (StringShape.noControlCharacters).
 */
function checkString(shape: StringShape, value: unknown, path: string, out: Collector): string {
  if (typeof value !== "string") typeError(path, "a string");
  if (shape.min !== undefined && value.length < shape.min) {
    out.add(path, value, `Member must have length greater than or equal to ${shape.min}`);
  }
  if (shape.max !== undefined && value.length > shape.max) {
    out.add(path, value, `Member must have length less than or equal to ${shape.max}`);
  }
  const re = patternOf(shape);
  if (re && !re.test(value)) out.add(path, value, `Member must satisfy regular expression pattern: ${shape.pattern}`);
  if (shape.noControlCharacters ? hasControlCharacter(value) : value.includes("\u0000")) {
    out.add(path, value, "Member must not contain control characters");
  }
  if (shape.enum && !shape.enum.includes(value)) {
    out.add(path, value, `Member must satisfy enum value set: [${shape.enum.join(", ")}]`);
  }
  return value;
}

function checkNumber(shape: NumberShape, value: unknown, path: string, out: Collector): number {
  if (typeof value !== "number" || !Number.isInteger(value)) typeError(path, "an integer");
  if (shape.min !== undefined && value < shape.min) {
    out.add(path, value, `Member must have value greater than or equal to ${shape.min}`);
  }
  if (shape.max !== undefined && value > shape.max) {
    out.add(path, value, `Member must have value less than or equal to ${shape.max}`);
  }
  return value;
}

function checkSize(shape: ListShape | MapShape, size: number, value: unknown, path: string, out: Collector): void {
  if (shape.min !== undefined && size < shape.min) {
    out.add(path, value, `Member must have length greater than or equal to ${shape.min}`);
  }
  if (shape.max !== undefined && size > shape.max) {
    out.add(path, value, `Member must have length less than or equal to ${shape.max}`);
  }
}

/** A JSON object (a structure or a map on the wire), read member by member below. */
const isObject = (value: unknown): value is Readonly<Record<string, unknown>> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** Checks `value` against `shape` and returns a checked copy; the input is never changed. */
function checkShape(shape: Shape, value: unknown, path: string, out: Collector): unknown {
  switch (shape.type) {
    case "string":
      return checkString(shape, value, path, out);
    case "integer":
      return checkNumber(shape, value, path, out);
    case "boolean":
      if (typeof value !== "boolean") typeError(path, "a boolean");
      return value;
    case "list":
      if (!Array.isArray(value)) typeError(path, "a list");
      checkSize(shape, value.length, value, path, out);
      return value.map((item: unknown, i) => checkShape(shape.member, item, `${path}.${i + 1}.member`, out));
    case "map": {
      if (!isObject(value)) typeError(path, "a map");
      const entries = Object.entries(value);
      checkSize(shape, entries.length, value, path, out);
      // fromEntries defines own properties, so a key such as `__proto__` stays a plain key.
      return Object.fromEntries(
        entries.map(([k, v]) => [
          checkString(shape.key, k, `${path}.key`, out),
          checkShape(shape.value, v, `${path}.${cut(k)}.member`, out),
        ]),
      );
    }
    case "structure":
      return checkStructure(shape, value, path, out);
  }
}

/** A structure member as validation reads it, prepared once per shape. */
interface CheckedMember {
  readonly name: string;
  /** The member's name in messages (AWS writes `identityPoolId`, not `IdentityPoolId`). */
  readonly messageName: string;
  readonly shape: Shape;
  readonly required: boolean;
}

/** Shapes are module constants, so each one's table is made on its first request and kept. */
const memberTables = new WeakMap<StructureShape, readonly CheckedMember[]>();

function membersOf(shape: StructureShape): readonly CheckedMember[] {
  let table = memberTables.get(shape);
  if (!table) {
    table = Object.entries(shape.members).map(([name, member]) => ({
      name,
      messageName: lowerFirst(name),
      shape: memberShape(member),
      required: isRequired(member),
    }));
    memberTables.set(shape, table);
  }
  return table;
}

function checkStructure(shape: StructureShape, value: unknown, path: string, out: Collector): Record<string, unknown> {
  if (!isObject(value)) typeError(path || "body", "a structure");
  const copy: Record<string, unknown> = {};
  // Model members only, in model order: members outside the model are left out, as AWS ignores them.
  for (const member of membersOf(shape)) {
    const memberPath = path ? `${path}.${member.messageName}` : member.messageName;
    const v = Object.hasOwn(value, member.name) ? value[member.name] : undefined;
    if (v === undefined || v === null) {
      // JSON null means "absent" to AWS; the copy leaves it out, so handlers see an absent member.
      if (member.required) out.add(memberPath, undefined, "Member must not be null");
      continue;
    }
    copy[member.name] = checkShape(member.shape, v, memberPath, out);
  }
  return copy;
}

/**
 * Validates `input` against `shape`; throws ValidationException listing every violation. Returns a
 * new value holding the model's members only, without JSON nulls; `input` is left as it was.
 */
export function validateInput<S extends StructureShape>(shape: S, input: unknown): Infer<S> {
  const out = new Collector();
  // Typed `unknown` on purpose: comparing Record<string, unknown> with Infer<S> for an open S
  // sends TypeScript through every shape; from `unknown` the assertion below is direct.
  const checked: unknown = checkStructure(shape, input, "", out);
  const message = out.message();
  if (message !== undefined) throw serviceError("ValidationException", message);
  // The one assertion: `checked` was built member by member from `shape`, each value checked
  // against its member's shape (strings, integers, booleans, lists, maps, structures, required
  // members present), which is exactly what Infer<S> describes; the walker itself is untyped
  // because one function serves every shape, so TypeScript cannot follow S through it.
  return checked as Infer<S>;
}
