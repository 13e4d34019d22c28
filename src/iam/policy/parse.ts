import type { PolicyDocument, PolicyKind, PolicyVersion, Statement } from "./model.js";
import { parseStatement } from "./statement.js";
import { checkKnownKeys, fail, isObject, PolicySyntaxError } from "./syntax.js";

export type PolicyParseResult =
  | { readonly ok: true; readonly document: PolicyDocument }
  | { readonly ok: false; readonly reason: string };

const VERSIONS: readonly PolicyVersion[] = ["2012-10-17", "2008-10-17"];

function parseVersion(value: unknown): PolicyVersion {
  // IAM reads a document without Version as the 2008 language (no policy variables).
  if (value === undefined) return "2008-10-17";
  const found = VERSIONS.find((v) => v === value);
  if (!found) fail(`Invalid policy Version ${JSON.stringify(value)}: use "2012-10-17" or "2008-10-17".`);
  return found;
}

function parseDocument(text: string, kind: PolicyKind): PolicyDocument {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return fail("This policy contains invalid Json");
  }
  if (!isObject(json)) return fail("Syntax errors in policy: the document must be a JSON object.");
  checkKnownKeys(json, ["Version", "Id", "Statement"], "the policy");
  const version = parseVersion(json.Version);
  const id = json.Id;
  if (id !== undefined && typeof id !== "string") fail("Syntax errors in policy: Id must be a string.");
  const raw = json.Statement;
  if (raw === undefined) fail("Missing required field Statement");
  const items: readonly unknown[] = Array.isArray(raw) ? raw : [raw];
  if (items.length === 0) fail("Syntax errors in policy: Statement must hold at least one statement.");
  const statements: Statement[] = items.map((item) => parseStatement(item, kind));
  const sids = statements.flatMap((s) => (s.Sid ? [s.Sid] : []));
  if (new Set(sids).size !== sids.length) fail("Statement IDs (SID) in a single policy must be unique.");
  return { Version: version, ...(typeof id === "string" ? { Id: id } : {}), Statement: statements };
}

/**
 * Parses and checks a policy document the way IAM does when it is written: `trust` for a role's
 * AssumeRolePolicyDocument (Principal required, Resource prohibited), `permission` for an inline
 * policy (Resource required, Principal prohibited). Pure; the caller picks the wire error.
 */
export function parsePolicy(text: string, kind: PolicyKind): PolicyParseResult {
  try {
    return { ok: true, document: parseDocument(text, kind) };
  } catch (error) {
    if (error instanceof PolicySyntaxError) return { ok: false, reason: error.message };
    throw error;
  }
}

/**
 * The size IAM counts against its policy quotas: characters other than white space
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-entity-length).
 */
export function policySize(text: string): number {
  return text.replace(/\s/g, "").length;
}
