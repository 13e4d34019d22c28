export {
  CONNECTION_TIMEOUTS,
  type ConnectionTimeouts,
  type HttpServerOptions,
  nodeServerOptions,
} from "./connection-timeouts.js";
export { CORS_HEADERS, PREFLIGHT_HEADERS } from "./cors.js";
export {
  createHttpServer,
  type GetRoute,
  MAX_BODY_BYTES,
  MAX_DISCARDED_BODY_BYTES,
  type RootLogger,
  type ServerDeps,
} from "./http-server.js";
export type { PrefixRequest, PrefixResponse, PrefixRoute } from "./prefix-routes.js";
export { discardBody } from "./read-body.js";
export { WriteBatch } from "./write-batch.js";
