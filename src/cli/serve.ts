import type { Command } from "commander";
import { startApp } from "../app/index.js";
import { createLogger } from "../app/logger.js";
import { ConfigError, loadConfig, SETTINGS } from "../config/index.js";

type ServeFlags = Record<string, string | boolean | undefined>;

/** `idpool serve`: every flag of CONTRACT.md, each also read from its environment variable. */
export function registerServeCommand(program: Command): void {
  const serve = program.command("serve").description("run the idpool service");
  for (const spec of SETTINGS) {
    const flag = spec.kind === "boolean" ? spec.flag : `${spec.flag} <value>`;
    serve.option(flag, `${spec.meaning} (env ${spec.env}, default ${spec.defaultText})`);
  }
  serve.action(async (flags: ServeFlags) => {
    let config: ReturnType<typeof loadConfig>;
    try {
      config = loadConfig(flags);
    } catch (error) {
      if (error instanceof ConfigError) {
        process.stderr.write(`idpool: configuration error: ${error.message}\n`);
        process.exit(2);
      }
      throw error;
    }
    const log = createLogger();
    if (config.allowHttpProviders) {
      log.warn(
        {},
        "--allow-http-providers is on: http:// identity providers are fetched without TLS (development only)",
      );
    }
    const app = await startApp({ config, log });
    if (app.rootCredentials.generated) {
      // Printed once, on the start that generated them; they are kept in the store.
      process.stdout.write(
        `Generated root credentials (shown once; set IDPOOL_ROOT_ACCESS_KEY_ID/IDPOOL_ROOT_SECRET_ACCESS_KEY to choose your own):\n` +
          `  AWS_ACCESS_KEY_ID=${app.rootCredentials.accessKeyId}\n` +
          `  AWS_SECRET_ACCESS_KEY=${app.rootCredentials.secretAccessKey}\n`,
      );
    }
    process.stdout.write(`idpool listening on ${app.url}\n`);
    let stopping = false;
    const stop = (signal: string): void => {
      if (stopping) return;
      stopping = true;
      log.info({ signal }, "stopping");
      app.stop().then(
        () => process.exit(0),
        (error: unknown) => {
          log.error({ err: error }, "error while stopping");
          process.exit(1);
        },
      );
    };
    process.on("SIGINT", () => stop("SIGINT"));
    process.on("SIGTERM", () => stop("SIGTERM"));
  });
}
