import type { IncomingMessage } from "node:http";
import type { WireRequest } from "../protocol/index.js";

/**
 * Headers Node keeps only the first of when a request repeats them (Node docs, `message.headers`:
 * "Duplicates of age, authorization, content-length, … are discarded"). A repeated one is passed
 * on as every value sent, so that the request's checks (one Authorization header for SigV4) see
 * what was sent rather than Node's silent choice.
 */
const FIRST_ONLY = new Set([
  "age",
  "authorization",
  "content-length",
  "content-type",
  "etag",
  "expires",
  "from",
  "host",
  "if-modified-since",
  "if-unmodified-since",
  "last-modified",
  "location",
  "max-forwards",
  "proxy-authorization",
  "referer",
  "retry-after",
  "server",
  "user-agent",
]);

export function wireHeaders(req: IncomingMessage): WireRequest["headers"] {
  const raw = req.rawHeaders;
  let seen: Set<string> | undefined;
  let repeated: Set<string> | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]?.toLowerCase() ?? "";
    if (!FIRST_ONLY.has(name)) continue;
    seen ??= new Set();
    if (seen.has(name)) {
      repeated ??= new Set();
      repeated.add(name);
    }
    seen.add(name);
  }
  if (!repeated) return req.headers;
  const headers: Record<string, string | string[] | undefined> = { ...req.headers };
  for (const name of repeated) headers[name] = req.headersDistinct[name];
  return headers;
}
