/**
 * The audit trail's hash chain: the one definition of a line's hashed content, used by the writer
 * and by `idpool audit verify` (README: Audit trail).
 *
 * A line is `{"seq":N,"time":"ISO-8601","event":{…},"prev":"<hex>","hash":"<hex>"}` and
 * `hash = hex(SHA-256(prev + canonicalJson({seq, time, event, prev})))`, where `prev` is the hash
 * of the line before it (64 zeros before the first line) and `+` joins the two strings (UTF-8).
 * The writer puts the event in its canonical form (members sorted); a verifier accepts any order.
 */
import { sha256Hex } from "../../shared/index.js";

/** The `prev` of the trail's first line (`seq` 1). */
export const GENESIS_HASH = "0".repeat(64);

/** Where a chain stands: its last line's `seq` and `hash` (0 and GENESIS_HASH before line 1). */
export interface ChainEnd {
  readonly seq: number;
  readonly hash: string;
}

export const CHAIN_START: ChainEnd = { seq: 0, hash: GENESIS_HASH };

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
  if (typeof value === "string") return jsonString(value);
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  // Built by concatenation: this runs for every line the trail writes, on the service's thread
  // (about 2 µs a record on this project's VM, half of map/join's).
  if (isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) out += (i === 0 ? "" : ",") + canonicalJson(value[i] ?? null);
    return `${out}]`;
  }
  const names = Object.keys(value).sort();
  return objectText(value, names, names.map(memberHead));
}

/** `"name":` after the comma that separates it from the member before it. */
const memberHead = (name: string, i: number) => `${i === 0 ? "" : ","}${jsonString(name)}:`;

/** An object's members in the order of `names`, each after its head (`heads[i]`, memberHead's text). */
function objectText(
  value: { readonly [member: string]: JsonValue },
  names: readonly string[],
  heads: readonly string[],
): string {
  let out = "{";
  for (let i = 0; i < names.length; i++) out += (heads[i] ?? "") + canonicalJson(value[names[i] ?? ""] ?? null);
  return `${out}}`;
}

/** Printable ASCII but `"` and `\`: JSON.stringify writes these strings as they are, between quotes. */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

function jsonString(text: string): string {
  return PLAIN.test(text) ? `"${text}"` : JSON.stringify(text);
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

/**
 * The canonical JSON of one of the writer's records (records.ts), the same text as canonicalJson
 * but with each record shape's member order sorted once: records of a type always have the same
 * members, and the sort with each name's escaping was half of a record's serialization. Member
 * names are the records' own (ASCII identifiers), so joining them names a shape unambiguously.
 */
export function canonicalRecord(event: { readonly [member: string]: JsonValue }): string {
  const shape = shapeOf(Object.keys(event));
  return objectText(event, shape.sorted, shape.heads);
}

interface Shape {
  readonly sorted: readonly string[];
  readonly heads: readonly string[];
}

/** Record shapes are few (one or two per type); the bound only guards against a caller's mistake. */
const MAX_SHAPES = 64;
const shapes = new Map<string, Shape>();

function shapeOf(names: readonly string[]): Shape {
  const key = names.join("\u0000");
  let shape = shapes.get(key);
  if (!shape) {
    const sorted = [...names].sort();
    shape = { sorted, heads: sorted.map(memberHead) };
    if (shapes.size < MAX_SHAPES) shapes.set(key, shape);
  }
  return shape;
}

/**
 * `prev + canonicalJson({ seq, time, event, prev })` for an event already in canonical form,
 * written out with the members in their sorted order (event, prev, seq, time).
 */
function hashWith(content: LineContent, canonicalEvent: string): string {
  const { seq, time, prev } = content;
  return sha256Hex(
    `${prev}{"event":${canonicalEvent},"prev":${jsonString(prev)},"seq":${canonicalJson(seq)},"time":${jsonString(time)}}`,
  );
}

export function lineHash(content: LineContent): string {
  return hashWith(content, canonicalJson(content.event));
}

/**
 * One line of the trail, newline included, and its hash (the next line's `prev`). The event is
 * written in canonical form too (members sorted), the very text its hash covers, so a line is
 * serialized once for its hash and its text.
 */
export function sealLine(content: LineContent): { readonly text: string; readonly hash: string } {
  const { seq, time, prev } = content;
  const event = canonicalRecord(content.event);
  const hash = hashWith(content, event);
  const text = `{"seq":${canonicalJson(seq)},"time":${jsonString(time)},"event":${event},"prev":${jsonString(prev)},"hash":"${hash}"}\n`;
  return { text, hash };
}

/** An event and when it happened (ISO-8601), as the writer queues it. */
export interface TimedEvent {
  readonly time: string;
  readonly event: { readonly [member: string]: JsonValue };
}

/** The lines of `events`, in order, continuing the chain from `end`: their text and the new end. */
export function sealLines(
  end: ChainEnd,
  events: readonly TimedEvent[],
): { readonly text: string; readonly end: ChainEnd } {
  let { seq, hash } = end;
  let text = "";
  for (const { time, event } of events) {
    const line = sealLine({ seq: ++seq, time, event, prev: hash });
    text += line.text;
    hash = line.hash;
  }
  return { text, end: { seq, hash } };
}
