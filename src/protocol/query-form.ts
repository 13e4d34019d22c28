import { serviceError } from "../errors/index.js";
import { memberShape, type Shape, type StructureShape } from "./shapes.js";

/**
 * AWS Query input: a flat form (`ClientIDList.member.1=a`, `Tags.member.1.Key=k`) turned into
 * typed values by walking the operation's input shape. Values that do not parse as their type are
 * a ValidationError naming the member, as IAM answers.
 */
export function parseForm(body: string): Map<string, string> {
  const params = new URLSearchParams(body);
  const out = new Map<string, string>();
  for (const [k, v] of params) out.set(k, v);
  return out;
}

function scalar(shape: Shape, text: string, name: string): unknown {
  switch (shape.type) {
    case "integer": {
      if (!/^-?\d+$/.test(text)) {
        throw serviceError(
          "ValidationException",
          `Value '${text}' at '${name}' failed to satisfy constraint: Member must be a number`,
        );
      }
      return Number(text);
    }
    case "boolean":
      if (text !== "true" && text !== "false") {
        throw serviceError(
          "ValidationException",
          `Value '${text}' at '${name}' failed to satisfy constraint: Member must be true or false`,
        );
      }
      return text === "true";
    default:
      return text;
  }
}

function decode(shape: Shape, form: Map<string, string>, prefix: string): unknown {
  switch (shape.type) {
    case "structure":
      return decodeStructure(shape, form, `${prefix}.`);
    case "list": {
      const items: unknown[] = [];
      // Lists are numbered from 1 without gaps; an empty list is sent as `Name=` (no members).
      for (let i = 1; ; i++) {
        const itemPrefix = `${prefix}.member.${i}`;
        if (!hasPrefix(form, itemPrefix)) break;
        items.push(decode(shape.member, form, itemPrefix));
      }
      return items.length > 0 || form.has(prefix) ? items : undefined;
    }
    case "map": {
      const entries: [string, unknown][] = [];
      for (let i = 1; ; i++) {
        const key = form.get(`${prefix}.entry.${i}.key`);
        if (key === undefined) break;
        entries.push([key, decode(shape.value, form, `${prefix}.entry.${i}.value`)]);
      }
      // fromEntries defines own properties, so a key such as `__proto__` stays a plain key.
      return entries.length > 0 ? Object.fromEntries(entries) : undefined;
    }
    default: {
      const text = form.get(prefix);
      return text === undefined ? undefined : scalar(shape, text, prefix);
    }
  }
}

function hasPrefix(form: Map<string, string>, prefix: string): boolean {
  if (form.has(prefix)) return true;
  for (const k of form.keys()) if (k.startsWith(`${prefix}.`)) return true;
  return false;
}

function decodeStructure(shape: StructureShape, form: Map<string, string>, prefix: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(shape.members)) {
    // STS names PolicyArns items `PolicyArns.member.1.arn`; members are matched case-insensitively
    // at the leaf as the Query protocol does for nested structures.
    const inner = memberShape(member);
    const value = decode(inner, form, `${prefix}${name}`) ?? decode(inner, form, `${prefix}${lowerFirst(name)}`);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

const lowerFirst = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);

export function decodeQueryInput(shape: StructureShape, form: Map<string, string>): Record<string, unknown> {
  return decodeStructure(shape, form, "");
}
