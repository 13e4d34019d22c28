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
 * members (records.ts), and the sort with each name's escaping was half of a record's
 * serialization. A record whose members differ from its type's known shape gets its own.
 */
export function canonicalRecord(event: { readonly [member: string]: JsonValue }): string {
  const shape = shapeOf(event);
  return objectText(event, shape.sorted, shape.heads);
}

interface Shape {
  readonly names: readonly string[];
  readonly sorted: readonly string[];
  readonly heads: readonly string[];
}

/** Record types are few; the bound only guards against a caller's mistake. */
const MAX_SHAPES = 64;
/** By the record's `type`: comparing member names one by one costs less than joining them into a key. */
const shapes = new Map<JsonValue | undefined, Shape>();

function shapeOf(event: { readonly [member: string]: JsonValue }): Shape {
  const names = Object.keys(event);
  const known = shapes.get(event.type);
  if (known && sameNames(known.names, names)) return known;
  const sorted = [...names].sort();
  const shape = { names, sorted, heads: sorted.map(memberHead) };
  if (known || shapes.size < MAX_SHAPES) shapes.set(event.type, shape);
  return shape;
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * `prev + canonicalJson({ seq, time, event, prev })`, from each member's JSON text, written out
 * with the members in their sorted order (event, prev, seq, time).
 */
function hashOf(prev: string, json: { event: string; prev: string; seq: string; time: string }): string {
  return sha256Hex(`${prev}{"event":${json.event},"prev":${json.prev},"seq":${json.seq},"time":${json.time}}`);
}

export function lineHash(content: LineContent): string {
  return hashOf(content.prev, memberTexts(content, canonicalJson(content.event)));
}

function memberTexts(content: LineContent, event: string) {
  return { event, prev: jsonString(content.prev), seq: canonicalJson(content.seq), time: jsonString(content.time) };
}

/**
 * One line of the trail, newline included, and its hash (the next line's `prev`). The event is
 * written in canonical form too (members sorted), the very text its hash covers, so a line is
 * serialized once for its hash and its text.
 */
export function sealLine(content: LineContent): { readonly text: string; readonly hash: string } {
  const json = memberTexts(content, canonicalRecord(content.event));
  const hash = hashOf(content.prev, json);
  const text = `{"seq":${json.seq},"time":${json.time},"event":${json.event},"prev":${json.prev},"hash":"${hash}"}\n`;
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
