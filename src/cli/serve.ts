import cluster from "node:cluster";
import type { Command } from "commander";
import {
  createLogger,
  type RootCredentials,
  type RootLogger,
  startApp,
  startCluster,
  startClusterWorker,
} from "../app/index.js";
import { type Config, SETTINGS } from "../config/index.js";
import { loadConfigOrExit } from "./load-config.js";
import { addSettingOptions } from "./setting-options.js";
import { stopOnSignals } from "./signals.js";

type ServeFlags = Record<string, string | boolean | undefined>;

function printBanner(root: RootCredentials, url: string, metricsUrl: string | undefined): void {
  if (root.generated) {
    // Printed once, on the start that generated them; they are kept in the store.
    process.stdout.write(
      `Generated root credentials (shown once; set IDPOOL_ROOT_ACCESS_KEY_ID/IDPOOL_ROOT_SECRET_ACCESS_KEY to choose your own):\n` +
        `  AWS_ACCESS_KEY_ID=${root.accessKeyId}\n` +
        `  AWS_SECRET_ACCESS_KEY=${root.secretAccessKey}\n`,
    );
  }
  process.stdout.write(`idpool listening on ${url}\n`);
  if (metricsUrl) process.stdout.write(`metrics on ${metricsUrl}\n`);
}

async function serveOneProcess(config: Config, log: RootLogger): Promise<void> {
  const app = await startApp({ config, log });
  // Handlers first: a supervisor may send SIGTERM as soon as it reads the listening line.
  stopOnSignals(log, () => app.stop().then(() => 0));
  printBanner(app.rootCredentials, app.url, app.metricsUrl);
}

/** `--workers N` (N > 1): this process is either the cluster's primary or one of its workers. */
async function serveCluster(config: Config, log: RootLogger): Promise<void> {
  if (cluster.isWorker) {
    // A worker's start-up failure is reported by the primary, which stops the others.
    const app = await startClusterWorker({ config, log }).catch((error: unknown) => {
      log.error({ err: error }, "worker failed to start");
      process.exit(1);
    });
    stopOnSignals(log, () => app.stop().then(() => 0));
    return;
  }
  const running = await startCluster({ config, log }).catch((error: unknown) => {
    process.stderr.write(`idpool: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
  stopOnSignals(log, () => running.stop());
  printBanner(running.rootCredentials, running.url, running.metricsUrl);
  // Every worker gone without a signal to us (e.g. each was sent SIGTERM): nothing left to serve.
  void running.finished.then((code) => process.exit(code));
}

/** `idpool serve`: every flag of CONTRACT.md, each also read from its environment variable. */
export function registerServeCommand(program: Command): void {
  const serve = program.command("serve").description("run the idpool service");
  addSettingOptions(serve, SETTINGS);
  serve.action(async (flags: ServeFlags) => {
    const config = loadConfigOrExit(flags);
    const log = createLogger();
    if (config.allowHttpProviders && !cluster.isWorker) {
      log.warn(
        {},
        "--allow-http-providers is on: http:// identity providers are fetched without TLS (development only)",
      );
    }
    await (config.workers > 1 ? serveCluster(config, log) : serveOneProcess(config, log));
  });
}
