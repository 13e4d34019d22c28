/**
 * The audit trail's hash chain: the one definition of a line's hashed content, used by the writer
 * and by `idpool audit verify` (README: Audit trail).
 *
 * A line is `{"seq":N,"time":"ISO-8601","event":{…},"prev":"<hex>","hash":"<hex>"}` and
 * `hash = hex(SHA-256(prev + canonicalJson({seq, time, event, prev})))`, where `prev` is the hash
 * of the line before it (64 zeros before the first line) and `+` joins the two strings (UTF-8).
 */
import { createHash } from "node:crypto";

/** The `prev` of the trail's first line (`seq` 1). */
export const GENESIS_HASH = "0".repeat(64);

export type JsonValue =
  | string
  | number
  | boolean
  | null
  | readonly JsonValue[]
  | { readonly [member: string]: JsonValue };

/**
 * RFC 8785 (JSON Canonicalization Scheme): members sorted by their UTF-16 code units at every
 * depth, no whitespace, strings and numbers as ECMAScript's JSON.stringify writes them (§3.2.2).
 * Anything `JSON.parse` returns is already in that domain, so a verifier recomputes it exactly.
 */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const members = Object.keys(value)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key] ?? null)}`);
  return `{${members.join(",")}}`;
}

function isArray(value: JsonValue): value is readonly JsonValue[] {
  return Array.isArray(value);
}

/** What a line's hash covers: every member but `hash` itself. */
export interface LineContent {
  readonly seq: number;
  readonly time: string;
  readonly event: { readonly [member: string]: JsonValue };
  readonly prev: string;
}

export function lineHash(content: LineContent): string {
  const { seq, time, event, prev } = content;
  return createHash("sha256")
    .update(prev + canonicalJson({ seq, time, event, prev }), "utf8")
    .digest("hex");
}

/** One line of the trail, newline included, and its hash (the next line's `prev`). */
export function sealLine(content: LineContent): { readonly text: string; readonly hash: string } {
  const hash = lineHash(content);
  const { seq, time, event, prev } = content;
  return { text: `${JSON.stringify({ seq, time, event, prev, hash })}\n`, hash };
}
