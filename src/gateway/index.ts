import { createServer, Agent as HttpAgent, type Server, type ServerResponse } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import { CONNECTION_TIMEOUTS, nodeServerOptions, WriteBatch } from "../server/index.js";
import type { GatewayDeps, PolicySource } from "./deps.js";
import { answer, handleGatewayRequest } from "./handle-request.js";

export { storePolicySource } from "./authorize/policies.js";
export { TRUSTED_HEADERS } from "./forward/headers.js";
export { INVOKE_ACTION, invokeResource } from "./request/invoke-resource.js";
export type { GatewayDeps, PolicySource };

/**
 * The gateway's HTTP server (README: "Protect your own API with idpool credentials"): `GET
 * /healthz` answers itself (the store's health); every other request is verified and, when allowed, forwarded to the
 * upstream over kept-alive connections.
 */
export function createGatewayServer(deps: GatewayDeps): Server {
  const url = new URL(deps.settings.upstream);
  const agent = url.protocol === "https:" ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  const { region, accountId, settings } = deps;
  const upstream = { url, agent, api: { region, accountId, apiId: settings.apiId, stage: settings.stage } };
  // serve's connection timeouts (their reasons are there), but a request as a whole may take 5
  // minutes: the gateway streams bodies of any size.
  const timeouts = { ...CONNECTION_TIMEOUTS, requestTimeoutMs: 300_000 };
  const writes = new WriteBatch<ServerResponse>((error, res) => {
    deps.log.error({ err: error }, "gateway relay failed");
    answer(res, 500, { message: "Internal server error" });
  });
  const server = createServer(nodeServerOptions(timeouts), (req, res) => {
    if (req.url === "/healthz" && (req.method === "GET" || req.method === "HEAD")) {
      void deps.health().then(({ status, body }) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      });
      return;
    }
    void handleGatewayRequest(deps, upstream, req, res, writes);
  });
  server.on("close", () => agent.destroy());
  return server;
}
