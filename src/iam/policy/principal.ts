import { type PolicyPrincipal, PRINCIPAL_TYPES, type PrincipalType } from "./model.js";
import { fail, isObject, stringList } from "./syntax.js";

/**
 * `Principal` / `NotPrincipal`: `"*"` or an object of principal kinds
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html).
 * IAM answers `Invalid principal in policy: "KIND":"VALUE"` for a value it cannot accept.
 */
const KINDS: ReadonlySet<string> = new Set(PRINCIPAL_TYPES);

function isKind(text: string): text is PrincipalType {
  return KINDS.has(text);
}

function invalid(kind: string, value: unknown): never {
  return fail(`Invalid principal in policy: ${JSON.stringify(kind)}:${JSON.stringify(value)}`);
}

/** An AWS principal is everyone, an account id, or an ARN (root, role, user, assumed role…). */
function validAwsPrincipal(value: string): boolean {
  return value === "*" || /^\d{12}$/.test(value) || /^arn:[^:\s]+:[^:\s]*:[^:\s]*:[^\s]*$/.test(value);
}

export function parsePrincipal(value: unknown): PolicyPrincipal {
  if (value === "*") return "*";
  if (!isObject(value)) return invalid("Principal", value);
  const entries = Object.entries(value);
  if (entries.length === 0) return invalid("Principal", value);
  const out: Partial<Record<PrincipalType, readonly string[]>> = {};
  for (const [kind, raw] of entries) {
    if (!isKind(kind)) return invalid(kind, raw);
    const items = Array.isArray(raw) ? raw : [raw];
    if (items.length === 0) return invalid(kind, raw);
    for (const item of items) {
      if (typeof item !== "string" || item.length === 0 || /\s/.test(item)) return invalid(kind, item);
      if (kind === "AWS" && !validAwsPrincipal(item)) return invalid(kind, item);
    }
    out[kind] = stringList(raw, kind);
  }
  return out;
}
