import type { IncomingMessage, ServerResponse } from "node:http";
import { beginSigV4 } from "../auth/index.js";
import { discardBody, MAX_DISCARDED_BODY_BYTES, type WriteBatch } from "../server/index.js";
import type { Principal } from "../shared/index.js";
import { authorize } from "./authorize/decide.js";
import { type ConnectionFacts, sourceIpOf } from "./authorize/request-context.js";
import type { GatewayDeps } from "./deps.js";
import { upstreamPath, upstreamRequestHeaders } from "./forward/headers.js";
import { forward, type UpstreamTarget } from "./forward/proxy.js";
import { refusalOf, refuse } from "./refusal.js";
import { type ApiCoordinates, invokeResource, policyPath } from "./request/invoke-resource.js";
import { payloadCheck } from "./request/payload.js";

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers["content-length"];
  return req.headers["transfer-encoding"] !== undefined || (length !== undefined && length !== "0");
}

/** Revoked (README: Revocation): the session was issued before its identity's or pool's revocation. */
function refuseRevoked(deps: Pick<GatewayDeps, "revocations">, principal: Principal): void {
  const before = principal.session ? deps.revocations.revokedBefore(principal.session) : undefined;
  if (before === undefined) return;
  throw refuse(
    `The security token included in the request was revoked: sessions issued before ${new Date(before).toISOString()} are no longer accepted`,
  );
}

export function answer(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/**
 * One request through the gateway, as a short list of named steps: where it goes (the execute-api
 * resource), who signed it (SigV4 up to the body), whether that session still stands (revocation),
 * how its body is held to the signature, whether policy allows it, and the upstream's answer,
 * relayed once the streamed body has passed its check, with the other answers of its turn of the
 * event loop (server/write-batch.ts).
 */
export async function handleGatewayRequest(
  deps: GatewayDeps,
  upstream: UpstreamTarget & { readonly api: ApiCoordinates },
  req: IncomingMessage,
  res: ServerResponse,
  writes: WriteBatch<ServerResponse>,
): Promise<void> {
  const method = req.method ?? "GET";
  const rawPath = req.url ?? "/";
  const connection: ConnectionFacts = { sourceIp: sourceIpOf(req.socket.remoteAddress), secureTransport: false };
  let principal: Principal | undefined;
  let resource: string | undefined;
  try {
    resource = invokeResource(upstream.api, method, policyPath(rawPath));
    const pending = await beginSigV4(
      { method, rawPath, headers: req.headers },
      { service: deps.settings.service, lookup: deps.lookup, clock: deps.clock },
    );
    principal = pending.principal;
    refuseRevoked(deps, principal);
    const withBody = hasBody(req);
    const checkBody = payloadCheck(pending, withBody, deps.settings.allowUnsignedPayload);
    await authorize(deps, principal, resource, connection);
    const headers = upstreamRequestHeaders(req.headers, principal, upstream.url.host, connection.sourceIp);
    const relay = await forward(req, upstream, {
      path: upstreamPath(upstream.url.pathname, rawPath),
      headers,
      hasBody: withBody,
      checkBody,
      schedule: (write) => writes.add(res, write),
    });
    writes.add(res, () => {
      res.writeHead(relay.status, relay.headers);
      relay.body.pipe(res);
    });
    deps.accessLog.info({ method, resource, caller: principal.arn, status: relay.status }, "gateway forwarded");
  } catch (error) {
    const refusal = refusalOf(error);
    if (!refusal) {
      deps.log.error({ err: error, method, resource }, "gateway request failed");
      answer(res, 500, { message: "Internal server error" });
      return;
    }
    deps.accessLog.info(
      { method, resource, caller: principal?.arn, status: refusal.status, reason: refusal.message },
      "gateway refused",
    );
    // As serve does (server/http-server.ts refuseBody): read and drop the rest of a refused body,
    // up to a bound, so the client can read the answer; past it, close the connection.
    if (!req.complete && !(await discardBody(req, MAX_DISCARDED_BODY_BYTES))) res.setHeader("connection", "close");
    answer(res, refusal.status, { message: refusal.message });
  }
}
