import type { IncomingMessage, ServerResponse } from "node:http";
import { readBody } from "./read-body.js";

/** A request for a route that owns every path under a prefix (`idpool dev`'s `/dev/`). */
export interface PrefixRequest {
  readonly method: string;
  /** The path without its query. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
}

export interface PrefixResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Buffer;
}

/** Answers a request under its prefix, or undefined when the path is none of its own (a 404). */
export type PrefixRoute = (req: PrefixRequest) => Promise<PrefixResponse | undefined>;

/** Small forms and JSON only: a prefix route reads at most this much of a body. */
const MAX_PREFIX_BODY_BYTES = 64 * 1024;

/** The route whose prefix starts `path`, if any. */
export function prefixRouteFor(
  routes: ReadonlyMap<string, PrefixRoute> | undefined,
  path: string,
): PrefixRoute | undefined {
  if (!routes) return undefined;
  for (const [prefix, route] of routes) if (path.startsWith(prefix)) return route;
  return undefined;
}

/** Runs a prefix route for a request: its own status, headers and body, or a plain 404. */
export async function servePrefixRoute(
  route: PrefixRoute,
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
): Promise<void> {
  const url = new URL(req.url ?? "/", "http://prefix.invalid");
  let body: Buffer;
  try {
    body = await readBody(req, MAX_PREFIX_BODY_BYTES);
  } catch {
    res.writeHead(413, { "content-type": "text/plain; charset=utf-8", connection: "close" });
    res.end(`Request body is larger than ${MAX_PREFIX_BODY_BYTES} bytes.\n`);
    return;
  }
  const answer = await route({
    method: req.method ?? "GET",
    path: url.pathname,
    query: url.searchParams,
    headers: req.headers,
    body,
  });
  const response = answer ?? {
    status: 404,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ message: `No route for ${req.method} ${url.pathname}` }),
  };
  const bytes = typeof response.body === "string" ? Buffer.from(response.body) : response.body;
  res.writeHead(response.status, {
    ...response.headers,
    "x-amzn-requestid": requestId,
    "content-length": bytes.length,
  });
  res.end(bytes);
}
