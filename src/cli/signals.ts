import { flushLogs, type RootLogger } from "../app/index.js";

/** Runs `stop` on the first SIGINT or SIGTERM, then exits with the code it resolves to. */
export function stopOnSignals(log: RootLogger, stop: () => Promise<number>): void {
  let stopping = false;
  const onSignal = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "stopping");
    // The log is buffered (app/logger.ts): every line is written before the process goes.
    stop().then(
      async (code) => {
        await flushLogs(log);
        process.exit(code);
      },
      async (error: unknown) => {
        log.error({ err: error }, "error while stopping");
        await flushLogs(log);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => onSignal("SIGINT"));
  process.on("SIGTERM", () => onSignal("SIGTERM"));
}
