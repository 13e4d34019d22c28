import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { serviceError } from "../errors/index.js";
import { type DispatchDeps, dispatch, encodeErrorFor, type WireResponse } from "../protocol/index.js";
import type { Logger } from "../shared/index.js";
import { CORS_HEADERS, PREFLIGHT_HEADERS } from "./cors.js";
import { BodyTooLargeError, readBody } from "./read-body.js";
import { wireHeaders } from "./wire-headers.js";

/** Large enough for ten 50,000-character login tokens or a full policy document. */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface RootLogger extends Logger {
  /** pino's child(); `redact: []` turns redaction off for a logger whose lines have a fixed shape. */
  child(bindings: object, options?: { redact?: string[] }): Logger;
}

/** A GET route answering JSON (discovery documents, health). */
export type GetRoute = () => Promise<{ status: number; body: unknown; cacheSeconds?: number }>;

export interface ServerDeps extends DispatchDeps {
  readonly log: RootLogger;
  readonly getRoutes: ReadonlyMap<string, GetRoute>;
}

/**
 * Every line about a request carries its id. A wrapper rather than pino's child(): a child logger
 * per request costs more than the lines most requests write (one access line).
 */
function requestLog(root: Logger, reqId: string): Logger {
  return {
    info: (obj, msg) => root.info({ reqId, ...obj }, msg),
    warn: (obj, msg) => root.warn({ reqId, ...obj }, msg),
    error: (obj, msg) => root.error({ reqId, ...obj }, msg),
    debug: (obj, msg) => root.debug({ reqId, ...obj }, msg),
  };
}

function send(
  res: ServerResponse,
  response: WireResponse,
  extraHeaders: Readonly<Record<string, string>> = CORS_HEADERS,
): void {
  res.writeHead(response.status, {
    ...extraHeaders,
    ...response.headers,
    "content-length": Buffer.byteLength(response.body),
  });
  res.end(response.body);
}

async function handle(deps: ServerDeps, accessLog: Logger, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const requestId = randomUUID();
  const log = requestLog(deps.log, requestId);
  const started = process.hrtime.bigint();
  const path = (req.url ?? "/").split("?")[0] ?? "/";
  res.on("finish", () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const status = res.statusCode;
    accessLog.info({ reqId: requestId, method: req.method, path, status, ms: Math.round(ms * 100) / 100 }, "request");
  });
  if (req.method === "OPTIONS") {
    send(res, { status: 200, headers: { "x-amzn-requestid": requestId }, body: "" }, PREFLIGHT_HEADERS);
    return;
  }
  if (req.method === "GET" || req.method === "HEAD") {
    const route = deps.getRoutes.get(path);
    const result = route ? await route() : { status: 404, body: { message: `No route for GET ${path}` } };
    const headers: Record<string, string> = { "content-type": "application/json", "x-amzn-requestid": requestId };
    if (result.cacheSeconds !== undefined) headers["cache-control"] = `public, max-age=${result.cacheSeconds}`;
    send(res, { status: result.status, headers, body: JSON.stringify(result.body) });
    return;
  }
  const wire = {
    method: req.method ?? "POST",
    rawPath: req.url ?? "/",
    headers: wireHeaders(req),
    body: Buffer.alloc(0),
  };
  if (req.method !== "POST" || path !== "/") {
    const error = serviceError(
      "UnknownOperationException",
      `The AWS APIs are served by POST /, not ${req.method} ${path}.`,
    );
    send(res, encodeErrorFor(wire, error, requestId));
    return;
  }
  let body: Buffer;
  try {
    body = await readBody(req, MAX_BODY_BYTES);
  } catch (error) {
    const message =
      error instanceof BodyTooLargeError
        ? `Request body is larger than the limit of ${error.limitBytes} bytes.`
        : "Request body could not be read.";
    res.setHeader("connection", "close");
    const kind = error instanceof BodyTooLargeError ? "RequestEntityTooLarge" : "SerializationException";
    send(res, encodeErrorFor(wire, serviceError(kind, message), requestId));
    return;
  }
  send(res, await dispatch(deps, { ...wire, body }, requestId, log));
}

export function createHttpServer(deps: ServerDeps): Server {
  // The access line, one per request, holds only these flat fields (the path without its query),
  // so there is nothing for path redaction to find; pino's redaction parses every path on every
  // line, 4–8 µs a request, so this logger goes without.
  const accessLog = deps.log.child({}, { redact: [] });
  const server = createServer((req, res) => {
    handle(deps, accessLog, req, res).catch((error: unknown) => {
      deps.log.error({ err: error }, "unhandled error while serving a request");
      if (!res.headersSent) res.writeHead(500, CORS_HEADERS);
      res.end();
    });
  });
  server.keepAliveTimeout = 65_000;
  return server;
}
