import type { PolicyVersion } from "./model.js";
import type { RequestContext } from "./request-context.js";
import type { PatternPiece } from "./wildcard.js";

/**
 * Policy variables (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html):
 * - only in `Version: 2012-10-17` documents; in 2008-10-17 ones `${…}` is plain text;
 * - `${key}` takes the request's value for `key` (any context key, any case: context key names are
 *   not case-sensitive, reference_policies_elements_condition.html);
 * - `${key, 'default'}` falls back to `default` when the key is absent (`''` stands for one quote,
 *   spaces around the key and the quoted default are ignored);
 * - `${*}`, `${?}`, `${$}` stand for the characters themselves, never wildcards;
 * - a substituted value is inserted literally (its own `*` is no wildcard);
 * - a variable whose key is absent and has no default leaves the element with no value to match
 *   ("Policy variables with no value": the value is effectively null, there is no equal or like value).
 *   A key with several values (a multivalued key such as `amr` for a signed-in user) has no single value
 *   to insert and is treated the same way.
 */
type TemplatePart =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "literal"; readonly text: string }
  | { readonly kind: "variable"; readonly key: string; readonly fallback: string | undefined };

export type Template = readonly TemplatePart[];

const SPECIAL: Readonly<Record<string, string>> = { "*": "*", "?": "?", $: "$" };

/** Index of the `}` closing the variable that starts at `start` (`${`), skipping quoted defaults. */
function closingBrace(text: string, start: number): number {
  let quoted = false;
  for (let i = start + 2; i < text.length; i++) {
    const c = text[i];
    if (c === "'")
      quoted = !quoted; // `''` inside a default toggles twice: still quoted.
    else if (c === "}" && !quoted) return i;
  }
  return -1;
}

function variablePart(body: string): TemplatePart | undefined {
  const trimmed = body.trim();
  const special = SPECIAL[trimmed];
  if (special !== undefined) return { kind: "literal", text: special };
  const comma = trimmed.indexOf(",");
  if (comma < 0)
    return trimmed.length > 0 ? { kind: "variable", key: trimmed.toLowerCase(), fallback: undefined } : undefined;
  const key = trimmed.slice(0, comma).trim();
  const rest = trimmed.slice(comma + 1).trim();
  if (key.length === 0 || rest.length < 2 || !rest.startsWith("'") || !rest.endsWith("'")) return undefined;
  return { kind: "variable", key: key.toLowerCase(), fallback: rest.slice(1, -1).replace(/''/g, "'") };
}

function parseTemplate(text: string): Template {
  const parts: TemplatePart[] = [];
  let plain = "";
  let i = 0;
  while (i < text.length) {
    const start = text.indexOf("${", i);
    const end = start < 0 ? -1 : closingBrace(text, start);
    const part = end < 0 ? undefined : variablePart(text.slice(start + 2, end));
    if (start < 0 || end < 0 || part === undefined) {
      // No (well-formed) variable from here: IAM keeps such text as written.
      const stop = start < 0 || end < 0 ? text.length : end + 1;
      plain += text.slice(i, stop);
      i = stop;
      continue;
    }
    plain += text.slice(i, start);
    if (plain) parts.push({ kind: "text", text: plain });
    plain = "";
    parts.push(part);
    i = end + 1;
  }
  if (plain || parts.length === 0) parts.push({ kind: "text", text: plain });
  return parts;
}

/** Parsed templates, bounded like the compiled patterns: policy strings are few and reused per request. */
const templates = new Map<string, Template>();
const MAX_TEMPLATES = 10_000;

export function templateOf(text: string, version: PolicyVersion): Template {
  if (version !== "2012-10-17" || !text.includes("${")) return [{ kind: "text", text }];
  let template = templates.get(text);
  if (!template) {
    template = parseTemplate(text);
    if (templates.size >= MAX_TEMPLATES) templates.clear();
    templates.set(text, template);
  }
  return template;
}

/** The pattern pieces of `text` with its variables substituted; undefined when one has no value. */
export function resolve(text: string, version: PolicyVersion, context: RequestContext): PatternPiece[] | undefined {
  const pieces: PatternPiece[] = [];
  for (const part of templateOf(text, version)) {
    if (part.kind === "text") pieces.push({ literal: false, text: part.text });
    else if (part.kind === "literal") pieces.push({ literal: true, text: part.text });
    else {
      const values = context.get(part.key);
      const value = values === undefined ? part.fallback : values.length === 1 ? values[0] : undefined;
      if (value === undefined) return undefined;
      pieces.push({ literal: true, text: value });
    }
  }
  return pieces;
}

/** The resolved text itself, for operators that compare whole strings (StringEquals…). */
export function piecesText(pieces: readonly PatternPiece[]): string {
  return pieces.length === 1 ? (pieces[0]?.text ?? "") : pieces.map((p) => p.text).join("");
}
