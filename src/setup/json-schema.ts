import { setupFile } from "./file-schema.js";
import type { Def } from "./schema-kit.js";

type JsonSchema = Record<string, unknown>;

/** JSON Schema draft-07, the draft editors' YAML and JSON language servers read best. */
function toSchema(def: Def): JsonSchema {
  const described = def.description === undefined ? {} : { description: def.description };
  switch (def.kind) {
    case "string":
      return {
        type: "string",
        ...(def.enum ? { enum: [...def.enum] } : {}),
        ...(def.pattern === undefined ? {} : { pattern: `^(?:${def.pattern})$` }),
        ...described,
      };
    case "boolean":
      return { type: "boolean", ...described };
    case "integer":
      return { type: "integer", ...described };
    case "array":
      return { type: "array", items: toSchema(def.item), ...described };
    case "record":
      return { type: "object", additionalProperties: toSchema(def.value), ...described };
    case "object": {
      const members = { ...def.required, ...def.optional };
      const required = Object.keys(def.required);
      return {
        type: "object",
        properties: Object.fromEntries(Object.entries(members).map(([k, v]) => [k, toSchema(v)])),
        ...(required.length > 0 ? { required } : {}),
        additionalProperties: false,
        ...described,
      };
    }
    case "json-object":
      return { type: "object", ...described };
    case "text-or-object":
      return { type: ["string", "object"], ...described };
  }
}

/** The setup file's JSON Schema, as shipped in `schema/setup.schema.json`. */
export function setupJsonSchema(): JsonSchema {
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "idpool setup file",
    ...toSchema(setupFile),
  };
}

/** The shipped file's exact text (`idpool setup schema` prints it; a test checks the copy). */
export function setupJsonSchemaText(): string {
  return `${JSON.stringify(setupJsonSchema(), null, 2)}\n`;
}
