/**
 * IAM wildcard matching, compiled once per pattern.
 *
 * A pattern is a list of pieces: `pattern` text, where `*` and `?` are wildcards, and `literal` text
 * (a substituted policy variable, or `${*}`), which matches only itself, so a value such as a tag
 * holding `*` never widens a policy
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html).
 *
 * Three modes:
 * - `text`: `*` any run, `?` one character, case-sensitive (StringLike).
 * - `text-ci`: the same, case-insensitive (Action / NotAction: action names are case-insensitive,
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html).
 * - `arn`: case-sensitive, wildcards stay inside one colon-separated ARN segment, except that a `*`
 *   which is the last character of a segment may expand beyond colon boundaries
 *   (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html,
 *   "Using wildcards in resource ARNs"). So `arn:aws:execute-api:*` covers every API, while
 *   `arn:aws:s3:::a*b` does not match `arn:aws:s3:::a:x:b`. The same rule serves ArnLike / ArnEquals,
 *   whose six colon-delimited components are "checked separately"
 *   (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN).
 */
export type WildcardMode = "text" | "text-ci" | "arn";

export interface PatternPiece {
  readonly literal: boolean;
  readonly text: string;
}

/**
 * Compiled patterns, bounded: the evaluator runs on every gateway and credentials request, and
 * policies are few, so a pattern is compiled once; the bound keeps variable-bearing patterns (one
 * per distinct substituted value) from growing without end.
 */
const compiled = new Map<string, RegExp>();
const MAX_COMPILED_PATTERNS = 10_000;

const REGEX_SPECIAL = /[.*+?^${}()|[\]\\]/g;

function escapeRegex(text: string): string {
  return text.replace(REGEX_SPECIAL, "\\$&");
}

function hasWildcard(pieces: readonly PatternPiece[]): boolean {
  return pieces.some((p) => !p.literal && (p.text.includes("*") || p.text.includes("?")));
}

/** The character after position `i` of piece `index`, across piece boundaries; undefined at the end. */
function nextChar(pieces: readonly PatternPiece[], index: number, i: number): string | undefined {
  const piece = pieces[index];
  if (piece && i + 1 < piece.text.length) return piece.text[i + 1];
  for (let k = index + 1; k < pieces.length; k++) {
    const text = pieces[k]?.text ?? "";
    if (text.length > 0) return text[0];
  }
  return undefined;
}

function source(pieces: readonly PatternPiece[], mode: WildcardMode): string {
  let out = "";
  pieces.forEach((piece, index) => {
    if (piece.literal) {
      out += escapeRegex(piece.text);
      return;
    }
    for (let i = 0; i < piece.text.length; i++) {
      const c = piece.text[i] ?? "";
      if (c === "*") {
        if (mode !== "arn") out += ".*";
        else {
          const next = nextChar(pieces, index, i);
          out += next === undefined || next === ":" ? ".*" : "[^:]*";
        }
      } else if (c === "?") out += mode === "arn" ? "[^:]" : ".";
      else out += escapeRegex(c);
    }
  });
  return out;
}

function cacheKey(pieces: readonly PatternPiece[], mode: WildcardMode): string {
  if (pieces.length === 1 && pieces[0] && !pieces[0].literal) return `${mode}\u0000${pieces[0].text}`;
  return `${mode}${pieces.map((p) => `\u0000${p.literal ? "L" : "P"}${p.text}`).join("")}`;
}

function regexFor(pieces: readonly PatternPiece[], mode: WildcardMode): RegExp {
  const key = cacheKey(pieces, mode);
  let re = compiled.get(key);
  if (!re) {
    re = new RegExp(`^${source(pieces, mode)}$`, mode === "text-ci" ? "is" : "s");
    if (compiled.size >= MAX_COMPILED_PATTERNS) compiled.clear();
    compiled.set(key, re);
  }
  return re;
}

/** Whether `value` matches the pattern made of `pieces`. */
export function matchPieces(pieces: readonly PatternPiece[], value: string, mode: WildcardMode): boolean {
  if (!hasWildcard(pieces)) {
    const text = pieces.length === 1 ? (pieces[0]?.text ?? "") : pieces.map((p) => p.text).join("");
    return mode === "text-ci" ? text.toLowerCase() === value.toLowerCase() : text === value;
  }
  return regexFor(pieces, mode).test(value);
}

/** Whether `value` matches `pattern`, every character of which is pattern text (no allocation on a cache hit). */
export function matchWildcard(pattern: string, value: string, mode: WildcardMode): boolean {
  if (!pattern.includes("*") && !pattern.includes("?")) {
    return mode === "text-ci" ? pattern.toLowerCase() === value.toLowerCase() : pattern === value;
  }
  const re = compiled.get(`${mode}\u0000${pattern}`) ?? regexFor([{ literal: false, text: pattern }], mode);
  return re.test(value);
}

/**
 * One compiled test for a whole list of patterns (a statement's Action or variable-free Resource
 * list): a single alternation tried once instead of one regular expression per entry. Kept per parsed
 * list, which lives as long as its policy document.
 */
const listMatchers = new WeakMap<readonly string[], Map<WildcardMode, RegExp>>();

export function matchAnyWildcard(patterns: readonly string[], value: string, mode: WildcardMode): boolean {
  let byMode = listMatchers.get(patterns);
  if (!byMode) {
    byMode = new Map();
    listMatchers.set(patterns, byMode);
  }
  let re = byMode.get(mode);
  if (!re) {
    const alternatives = patterns.map((text) => source([{ literal: false, text }], mode));
    re = new RegExp(`^(?:${alternatives.join("|")})$`, mode === "text-ci" ? "is" : "s");
    byMode.set(mode, re);
  }
  return re.test(value);
}
