/**
 * The logging interface every module writes to (pino's shape). It lives here, at the bottom of the
 * layering, so that domain code can log without importing the protocol or the server.
 */
export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}
