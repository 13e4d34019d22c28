/**
 * Output values: handlers return plain objects where `Date` is a timestamp and `undefined`
 * members are absent. JSON turns timestamps into epoch seconds (AWS JSON 1.1 default format).
 */
import { isoTime } from "../shared/index.js";

export function toJsonValue(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toJsonValue(v);
    return out;
  }
  return value;
}

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

export function xmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);
}

/**
 * AWS Query output: lists as `<member>`, timestamps ISO-8601, maps as `<entry><key/><value/></entry>`.
 * Maps are marked by wrapping them with `xmlMap()` because plain objects are structures.
 */
const MAP_MARK: unique symbol = Symbol("xmlMap");

export interface XmlMap {
  readonly [MAP_MARK]: true;
  readonly entries: Readonly<Record<string, unknown>>;
}

export function xmlMap(entries: Readonly<Record<string, unknown>>): XmlMap {
  return { [MAP_MARK]: true, entries };
}

function isXmlMap(value: unknown): value is XmlMap {
  return value !== null && typeof value === "object" && MAP_MARK in value;
}

export function toXml(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (value instanceof Date) return isoTime(value.getTime());
  if (Array.isArray(value)) return value.map((item) => `<member>${toXml(item)}</member>`).join("");
  if (isXmlMap(value)) {
    return Object.entries(value.entries)
      .map(([k, v]) => `<entry><key>${xmlEscape(k)}</key><value>${toXml(v)}</value></entry>`)
      .join("");
  }
  if (typeof value === "object") {
    let out = "";
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out += `<${k}>${toXml(v)}</${k}>`;
    return out;
  }
  return xmlEscape(String(value));
}
