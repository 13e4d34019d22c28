export { createHttpServer, MAX_BODY_BYTES, type ServerDeps, type RootLogger, type GetRoute } from "./http-server.js";
export { CORS_HEADERS, PREFLIGHT_HEADERS } from "./cors.js";
