/**
 * The console's state: the signed-in key (kept in sessionStorage, so only this tab has it, and gone
 * when the tab closes or on Sign out) and the small text formats its forms use.
 */
import type { Credentials } from "./signing.js";

export interface Session {
  readonly credentials: Credentials;
  readonly region: string;
  /** From STS GetCallerIdentity at sign-in. */
  readonly arn: string;
  readonly account: string;
}

/** The part of Storage the console uses (sessionStorage in the browser, a Map in tests). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const SESSION_KEY = "idpool-console-session";
export const DEFAULT_REGION = "us-east-1";

export function saveSession(store: KeyValueStore, session: Session): void {
  store.setItem(SESSION_KEY, JSON.stringify(session));
}

export function loadSession(store: KeyValueStore): Session | undefined {
  const text = store.getItem(SESSION_KEY);
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as Partial<Session>;
    const c = value.credentials;
    if (!c || typeof c.accessKeyId !== "string" || typeof c.secretAccessKey !== "string") return undefined;
    if (typeof value.region !== "string") return undefined;
    return {
      credentials: { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey },
      region: value.region,
      arn: String(value.arn ?? ""),
      account: String(value.account ?? ""),
    };
  } catch {
    return undefined;
  }
}

export function forgetSession(store: KeyValueStore): void {
  store.removeItem(SESSION_KEY);
}

/** What the sign-in form holds, checked before any call: the messages go beside their field. */
export function checkSignIn(form: { accessKeyId: string; secretAccessKey: string; region: string }): {
  errors: Partial<Record<"accessKeyId" | "secretAccessKey" | "region", string>>;
  credentials?: Credentials;
  region: string;
} {
  const accessKeyId = form.accessKeyId.trim();
  const secretAccessKey = form.secretAccessKey.trim();
  const region = form.region.trim() || DEFAULT_REGION;
  const errors: Partial<Record<"accessKeyId" | "secretAccessKey" | "region", string>> = {};
  if (!accessKeyId) errors.accessKeyId = "Enter the access key ID.";
  else if (!/^[A-Z0-9]{16,128}$/.test(accessKeyId))
    errors.accessKeyId = "An access key ID is 16 or more capital letters and digits.";
  if (!secretAccessKey) errors.secretAccessKey = "Enter the secret access key.";
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) errors.region = "A region looks like us-east-1.";
  return Object.keys(errors).length === 0
    ? { errors, credentials: { accessKeyId, secretAccessKey }, region }
    : { errors, region };
}

/** `key=value` lines (tags, supported login providers, principal-tag maps); blank lines skipped. */
export function parsePairs(
  text: string,
): { ok: true; value: Record<string, string> } | { ok: false; line: number; message: string } {
  const value: Record<string, string> = {};
  const lines = text.split("\n");
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line) continue;
    const at = line.indexOf("=");
    if (at <= 0) return { ok: false, line: index + 1, message: `line ${index + 1}: expected key=value, got "${line}"` };
    const key = line.slice(0, at).trim();
    if (key in value) return { ok: false, line: index + 1, message: `line ${index + 1}: "${key}" is given twice` };
    value[key] = line.slice(at + 1).trim();
  }
  return { ok: true, value };
}

export const formatPairs = (value: Readonly<Record<string, string>> | undefined): string =>
  Object.entries(value ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join("\n");

/** One entry a line, blank lines skipped, duplicates dropped. */
export const parseLines = (text: string): string[] => [
  ...new Set(
    text
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean),
  ),
];

export interface JsonProblem {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** Where JSON text first goes wrong (a small recursive-descent scan; V8's messages do not always say). */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i] as string)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const literal = (word: string) => {
    for (const ch of word) {
      if (text[i] !== ch) fail();
      i++;
    }
  };
  const string = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      const ch = text.charCodeAt(i);
      if (ch < 0x20) fail();
      if (text[i] === "\\") {
        i++;
        if (text[i] === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? "x")) fail();
      }
      i++;
    }
    if (text[i] !== '"') fail();
    i++;
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m || m[0] === "" || m[0] === "-") fail();
    i += (m as RegExpExecArray)[0].length;
  };
  const value = (): void => {
    ws();
    const ch = text[i];
    if (ch === "{") {
      i++;
      ws();
      if (text[i] === "}") return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ":") fail();
        i++;
        value();
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "}") return void i++;
        else fail();
      }
    }
    if (ch === "[") {
      i++;
      ws();
      if (text[i] === "]") return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "]") return void i++;
        else fail();
      }
    }
    if (ch === '"') string();
    else if (ch === "t") literal("true");
    else if (ch === "f") literal("false");
    else if (ch === "n") literal("null");
    else number();
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
    return -1;
  } catch (at) {
    return typeof at === "number" ? Math.min(at, text.length) : text.length;
  }
}

/** JSON.parse, with the line and column of a syntax error. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; problem: JsonProblem } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const offset = jsonErrorOffset(text);
    const at = offset < 0 ? text.length : offset;
    const before = text.slice(0, at).split("\n");
    const line = before.length;
    const column = (before[before.length - 1]?.length ?? 0) + 1;
    const reason = message.replace(/\s*\(line \d+ column \d+\)/, "").replace(/\n/g, " ");
    return { ok: false, problem: { line, column, message: `line ${line}, column ${column}: ${reason}` } };
  }
}

/** A policy document's text as the editor shows it: IAM answers it URL-encoded; pretty-printed when JSON. */
export function policyText(document: string | undefined): string {
  if (!document) return "";
  let text = document;
  if (/%[0-9A-Fa-f]{2}/.test(text) && !text.trimStart().startsWith('{"')) {
    try {
      text = decodeURIComponent(text);
    } catch {
      // kept as given
    }
  }
  const parsed = parseJson(text);
  return parsed.ok ? JSON.stringify(parsed.value, null, 2) : text;
}

export type MatchType = "Equals" | "Contains" | "StartsWith" | "NotEqual";
export const MATCH_TYPES: readonly MatchType[] = ["Equals", "Contains", "StartsWith", "NotEqual"];

export interface RuleRow {
  claim: string;
  matchType: MatchType;
  value: string;
  roleArn: string;
}

export interface MappingForm {
  loginsKey: string;
  type: "Token" | "Rules";
  ambiguous: "AuthenticatedRole" | "Deny";
  rules: RuleRow[];
}

interface ApiMapping {
  Type?: string | undefined;
  AmbiguousRoleResolution?: string | undefined;
  RulesConfiguration?:
    | {
        Rules?:
          | {
              Claim?: string | undefined;
              MatchType?: string | undefined;
              Value?: string | undefined;
              RoleARN?: string | undefined;
            }[]
          | undefined;
      }
    | undefined;
}

/** The API's RoleMappings as the editor's rows. */
export function mappingsToForm(mappings: Readonly<Record<string, ApiMapping>> | undefined): MappingForm[] {
  return Object.entries(mappings ?? {}).map(([loginsKey, m]) => ({
    loginsKey,
    type: m.Type === "Rules" ? "Rules" : "Token",
    ambiguous: m.AmbiguousRoleResolution === "Deny" ? "Deny" : "AuthenticatedRole",
    rules: (m.RulesConfiguration?.Rules ?? []).map((r) => ({
      claim: r.Claim ?? "",
      matchType: (MATCH_TYPES as readonly string[]).includes(r.MatchType ?? "") ? (r.MatchType as MatchType) : "Equals",
      value: r.Value ?? "",
      roleArn: r.RoleARN ?? "",
    })),
  }));
}

/** The editor's rows as the API's RoleMappings, or the first problem found. */
export function formToMappings(
  forms: readonly MappingForm[],
): { ok: true; value: Record<string, ApiMapping> } | { ok: false; index: number; message: string } {
  const value: Record<string, ApiMapping> = {};
  for (const [index, f] of forms.entries()) {
    const key = f.loginsKey.trim();
    if (!key) return { ok: false, index, message: "Enter the logins key (the provider name) this mapping is for." };
    if (key in value) return { ok: false, index, message: `${key} has two mappings.` };
    const mapping: ApiMapping = { Type: f.type, AmbiguousRoleResolution: f.ambiguous };
    if (f.type === "Rules") {
      if (f.rules.length === 0) return { ok: false, index, message: "A Rules mapping needs at least one rule." };
      mapping.RulesConfiguration = {
        Rules: f.rules.map((r) => ({
          Claim: r.claim.trim(),
          MatchType: r.matchType,
          Value: r.value,
          RoleARN: r.roleArn.trim(),
        })),
      };
    }
    value[key] = mapping;
  }
  return { ok: true, value };
}

/** "3 days", "5 hours", "12 minutes": how old something created at `from` is at `now`. */
export function age(from: Date, now: Date): string {
  const seconds = Math.max(0, Math.round((now.getTime() - from.getTime()) / 1000));
  const units: [number, string][] = [
    [86_400, "day"],
    [3_600, "hour"],
    [60, "minute"],
  ];
  for (const [size, name] of units) {
    const n = Math.floor(seconds / size);
    if (n >= 1) return `${n} ${name}${n === 1 ? "" : "s"}`;
  }
  return `${seconds} second${seconds === 1 ? "" : "s"}`;
}
