import { pino } from "pino";
import type { RootLogger } from "../server/index.js";
import { LineBatch } from "./line-batch.js";

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

/** Characters gathered before a write to stdout: one write per few dozen access lines, not one per line. */
const LOG_BATCH_CHARS = 4096;
/** A line waits at most this long in the buffer, so a quiet service's log still reads live. */
const LOG_FLUSH_MS = 250;

/**
 * Without `destination`, lines are gathered in batches (line-batch.ts) that pino's asynchronous
 * sonic-boom writes to stdout: a request never waits for a write(2) of its access line. A batch is
 * handed over when full, on a timer, before a signal's exit (flushLogs) and, as a last resort,
 * synchronously at process exit.
 */
export function createLogger(
  level = process.env.IDPOOL_LOG_LEVEL ?? "info",
  destination?: NodeJS.WritableStream,
): RootLogger {
  const options = { level, base: { service: "idpool" }, redact: { paths: REDACT_PATHS, censor: "[redacted]" } };
  if (destination) return pino(options, destination);
  // sonic-boom writes each batch as it comes (minLength 1: at 0 its flush would not wait for a write).
  const batch = new LineBatch(pino.destination({ dest: 1, sync: false, minLength: 1 }), LOG_BATCH_CHARS);
  setInterval(() => batch.flush(), LOG_FLUSH_MS).unref();
  // Before pino's own exit hook, which ends the destination: the batch's lines go first.
  process.prependOnceListener("exit", () => {
    try {
      batch.flushSync();
    } catch {
      // Not open yet, or already closed: nothing buffered can be written now.
    }
  });
  return pino(options, batch);
}

/** Resolves once every buffered line is written (before a deliberate exit). */
export function flushLogs(log: { flush(cb?: (err?: Error) => void): void }): Promise<void> {
  return new Promise((resolve) => log.flush(() => resolve()));
}
