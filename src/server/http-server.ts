import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { serviceError } from "../errors/index.js";
import { type DispatchDeps, dispatch, encodeErrorFor, type WireResponse } from "../protocol/index.js";
import type { Logger } from "../shared/index.js";
import { CONNECTION_TIMEOUTS, type HttpServerOptions, nodeServerOptions } from "./connection-timeouts.js";
import { CORS_HEADERS, PREFLIGHT_HEADERS } from "./cors.js";
import { type PrefixRoute, prefixRouteFor, servePrefixRoute } from "./prefix-routes.js";
import { BodyTooLargeError, discardBody, readBody } from "./read-body.js";
import { wireHeaders } from "./wire-headers.js";
import { WriteBatch } from "./write-batch.js";

/** Large enough for ten 50,000-character login tokens or a full policy document. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * How much of a refused body is read and thrown away so that the client can read the 413 (see
 * refuseBody). Far above what a client that merely misjudged the limit sends; past it the
 * connection is closed at once, and such a client may see a reset instead of the answer.
 */
export const MAX_DISCARDED_BODY_BYTES = 16 * MAX_BODY_BYTES;

export interface RootLogger extends Logger {
  /** pino's child(); `redact: []` turns redaction off for a logger whose lines have a fixed shape. */
  child(bindings: object, options?: { redact?: string[] }): Logger;
  /** pino's flush(): calls back once buffered lines are written. */
  flush(cb?: (err?: Error) => void): void;
}

/** A GET route answering JSON (discovery documents, health); `headers` for a redirect's Location. */
export type GetRoute = () => Promise<{
  status: number;
  body: unknown;
  cacheSeconds?: number;
  headers?: Readonly<Record<string, string>>;
}>;

export interface ServerDeps extends DispatchDeps {
  readonly log: RootLogger;
  readonly getRoutes: ReadonlyMap<string, GetRoute>;
  /** Routes that own every path under a prefix; `idpool dev` mounts `/dev/` here, `serve` nothing. */
  readonly prefixRoutes?: ReadonlyMap<string, PrefixRoute>;
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

/** A request's answer, written with the others of its turn of the event loop (write-batch.ts). */
function send(
  writes: WriteBatch<ServerResponse>,
  res: ServerResponse,
  response: WireResponse,
  extraHeaders: Readonly<Record<string, string>> = CORS_HEADERS,
): void {
  writes.add(res, () => {
    // Object.assign, not object spread: spreading two records and a key cost about 3 µs more a
    // response on Node 20 (writeHead and end in a loop: 7.2–7.8 µs against 3.3–4.8;
    // bench/HISTORY.md, 2026-12-06 23:10: headers without spreads).
    const headers: Record<string, string | number> = Object.assign({}, extraHeaders, response.headers);
    headers["content-length"] = Buffer.byteLength(response.body);
    res.writeHead(response.status, headers);
    res.end(response.body);
  });
}

/** The last resort for a request whose handling threw: logged, and answered 500 with no body. */
function answerUnhandled(log: Logger, res: ServerResponse, error: unknown): void {
  log.error({ err: error }, "unhandled error while serving a request");
  if (!res.headersSent) res.writeHead(500, CORS_HEADERS);
  res.end();
}

/**
 * Answers a body over the limit and closes the connection without destroying the answer. Closing
 * a socket with request bytes still unread makes the kernel send a reset, which can erase the
 * response in the client's buffers before it is read (RFC 9112 §9.6), and a client still writing
 * its body sees its write fail. So the whole response is written at once (a client that reads
 * while it sends can stop early), the rest of the body is read and discarded (up to
 * MAX_DISCARDED_BODY_BYTES; the request timeout bounds how long), and only then does the response
 * end, which with `Connection: close` makes Node close the connection (RFC 9110 §15.5.14 lets a
 * server close after a 413).
 */
async function refuseBody(req: IncomingMessage, res: ServerResponse, response: WireResponse): Promise<void> {
  res.writeHead(response.status, {
    ...CORS_HEADERS,
    ...response.headers,
    connection: "close",
    "content-length": Buffer.byteLength(response.body),
  });
  res.write(response.body);
  await discardBody(req, MAX_DISCARDED_BODY_BYTES);
  res.end();
}

/** A GET / whose query names an Action is an AWS Query call (IAM, STS), not a document route. */
const isQueryCall = (url: string): boolean => /[?&]Action=/.test(url);

/** What every request of one server shares. */
interface Serving {
  readonly deps: ServerDeps;
  readonly accessLog: Logger;
  readonly writes: WriteBatch<ServerResponse>;
}

async function handle({ deps, accessLog, writes }: Serving, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const requestId = randomUUID();
  const log = requestLog(deps.log, requestId);
  const started = process.hrtime.bigint();
  const path = (req.url ?? "/").split("?")[0] ?? "/";
  res.on("finish", () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const status = res.statusCode;
    accessLog.info({ reqId: requestId, method: req.method, path, status, ms: Math.round(ms * 100) / 100 }, "request");
  });
  const prefixRoute = prefixRouteFor(deps.prefixRoutes, path);
  if (prefixRoute) {
    await servePrefixRoute(prefixRoute, req, res, requestId);
    return;
  }
  if (req.method === "OPTIONS") {
    send(writes, res, { status: 200, headers: { "x-amzn-requestid": requestId }, body: "" }, PREFLIGHT_HEADERS);
    return;
  }
  if (req.method === "GET" && path === "/" && isQueryCall(req.url ?? "")) {
    // AWS Query over GET: the whole call, a presigned signature included, is in the URL.
    const wire = {
      method: "GET",
      rawPath: req.url ?? "/",
      headers: wireHeaders(req),
      body: Buffer.alloc(0),
      sourceAddress: req.socket.remoteAddress,
    };
    send(writes, res, await dispatch(deps, wire, requestId, log));
    return;
  }
  if (req.method === "GET" || req.method === "HEAD") {
    const route = deps.getRoutes.get(path);
    const result = route ? await route() : { status: 404, body: { message: `No route for GET ${path}` } };
    const headers: Record<string, string> = {
      "content-type": "application/json",
      ...result.headers,
      "x-amzn-requestid": requestId,
    };
    if (result.cacheSeconds !== undefined) headers["cache-control"] = `public, max-age=${result.cacheSeconds}`;
    send(writes, res, { status: result.status, headers, body: JSON.stringify(result.body) });
    return;
  }
  const wire = {
    method: req.method ?? "POST",
    rawPath: req.url ?? "/",
    headers: wireHeaders(req),
    body: Buffer.alloc(0),
    sourceAddress: req.socket.remoteAddress,
  };
  if (req.method !== "POST" || path !== "/") {
    const error = serviceError(
      "UnknownOperationException",
      `The AWS APIs are served by POST /, not ${req.method} ${path}.`,
    );
    send(writes, res, encodeErrorFor(wire, error, requestId));
    return;
  }
  let body: Buffer;
  try {
    body = await readBody(req, MAX_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      const message = `Request body is larger than the limit of ${error.limitBytes} bytes.`;
      await refuseBody(req, res, encodeErrorFor(wire, serviceError("RequestEntityTooLarge", message), requestId));
      return;
    }
    res.setHeader("connection", "close");
    const unreadable = serviceError("SerializationException", "Request body could not be read.");
    send(writes, res, encodeErrorFor(wire, unreadable, requestId));
    return;
  }
  send(writes, res, await dispatch(deps, { ...wire, body }, requestId, log));
}

export function createHttpServer(deps: ServerDeps, options: HttpServerOptions = {}): Server {
  // The access line, one per request, holds only these flat fields (the path without its query),
  // so there is nothing for path redaction to find; pino's redaction parses every path on every
  // line, 4–8 µs a request, so this logger goes without.
  const accessLog = deps.log.child({}, { redact: [] });
  const writes = new WriteBatch<ServerResponse>((error, res) => answerUnhandled(deps.log, res, error));
  const serving: Serving = { deps, accessLog, writes };
  const server = createServer(nodeServerOptions(options.timeouts ?? CONNECTION_TIMEOUTS), (req, res) => {
    handle(serving, req, res).catch((error: unknown) => answerUnhandled(deps.log, res, error));
  });
  return server;
}
