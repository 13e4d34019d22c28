import { pino } from "pino";
import type { RootLogger } from "../server/index.js";

/**
 * JSON logs on stdout. Anything that may hold a secret is redacted by path as a second line of
 * defence; the first is never passing tokens, secrets or keys to the logger at all.
 */
export const REDACT_PATHS = [
  "*.secretAccessKey",
  "*.SecretAccessKey",
  "*.SecretKey",
  "*.sessionToken",
  "*.SessionToken",
  "*.token",
  "*.Token",
  "*.authorization",
  "*.headers.authorization",
  "*.headers['x-amz-security-token']",
  "*.Logins",
  "*.WebIdentityToken",
];

export function createLogger(
  level = process.env.IDPOOL_LOG_LEVEL ?? "info",
  destination?: NodeJS.WritableStream,
): RootLogger {
  const options = { level, base: { service: "idpool" }, redact: { paths: REDACT_PATHS, censor: "[redacted]" } };
  return destination ? pino(options, destination) : pino(options);
}
