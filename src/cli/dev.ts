import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Command } from "commander";
import { createLogger, DEV_POOL_GUID, type RunningApp, startApp } from "../app/index.js";
import { type Config, DEV_SETTINGS, SETTINGS } from "../config/index.js";
import { cryptoIds, seededIds } from "../shared/index.js";
import { registerDevKeyCommand } from "./dev-key.js";
import { registerDevTokenCommand } from "./dev-token.js";
import { loadDevConfigOrExit } from "./load-config.js";
import { addSettingOptions } from "./setting-options.js";
import { stopOnSignals } from "./signals.js";

type Flags = Record<string, string | boolean | undefined>;

/** What a newcomer needs on one screen: where, who, which pool, and two lines to copy. */
export function devBanner(app: RunningApp, config: Config): string {
  const provider = app.dev?.providers.names()[0] ?? "dev";
  const issuer = app.dev?.providers.issuer(provider) ?? "";
  const loginsKey = issuer.replace(/^https?:\/\//, "");
  const poolId = `${config.region}:${DEV_POOL_GUID}`;
  const root = app.rootCredentials;
  const endpoint = app.url;
  const token = `npx idpool dev token --sub alice --endpoint ${endpoint}`;
  const cli = `aws --endpoint-url ${endpoint} --region ${config.region} --no-sign-request cognito-identity`;
  return [
    "",
    "idpool dev: Cognito Identity, IAM and STS with a built-in test OpenID provider",
    `  endpoint          ${endpoint}`,
    `  root credentials  AWS_ACCESS_KEY_ID=${root.accessKeyId} AWS_SECRET_ACCESS_KEY=${root.secretAccessKey}`,
    `  identity pool     ${poolId}${config.setupFile ? " (the default; your setup file may name others)" : ""}`,
    `  test provider     ${issuer} (client id ${app.dev?.providers.clientIds(provider)[0] ?? "dev-client"})`,
    `  logins key        ${loginsKey}`,
    "",
    "Get a token:",
    `  TOKEN=$(${token})`,
    "Get credentials with it:",
    `  ${cli} get-credentials-for-identity --logins ${loginsKey}=$TOKEN --identity-id $(${cli} get-id --identity-pool-id ${poolId} --logins ${loginsKey}=$TOKEN --query IdentityId --output text)`,
    "",
    "The test provider signs trusted tokens for anyone who asks: for development and tests only.",
    "",
  ].join("\n");
}

async function runDev(flags: Flags): Promise<void> {
  const loaded = loadDevConfigOrExit(flags);
  let { config } = loaded;
  const { dev } = loaded;
  const ephemeralDir = dev.ephemeral ? mkdtempSync(join(tmpdir(), "idpool-dev-")) : undefined;
  if (ephemeralDir) config = { ...config, dataDir: ephemeralDir };
  const log = createLogger();
  log.warn({}, "idpool dev: the built-in test provider signs trusted tokens for anyone who asks (development only)");
  const removeEphemeral = () => {
    if (ephemeralDir) rmSync(ephemeralDir, { recursive: true, force: true });
  };
  let app: RunningApp;
  try {
    app = await startApp({ config, log, ids: dev.seed === undefined ? cryptoIds : seededIds(dev.seed), dev: {} });
  } catch (error) {
    removeEphemeral();
    process.stderr.write(`idpool dev: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
  // Handlers first: a supervisor may send SIGTERM as soon as it reads the listening line.
  stopOnSignals(log, async () => {
    await app.stop();
    removeEphemeral();
    return 0;
  });
  process.stdout.write(devBanner(app, config));
  process.stdout.write(`idpool listening on ${app.url}\n`);
  if (app.metricsUrl) process.stdout.write(`metrics on ${app.metricsUrl}\n`);
}

/**
 * `idpool dev`: `serve` with a built-in test OpenID provider, a default pool and roles, and tokens
 * on request (CONTRACT.md). Every serve flag works; the dev flags exist only here.
 */
export function registerDevCommand(program: Command): void {
  const dev = program
    .command("dev")
    .description("run idpool for development: serve plus a built-in test OpenID provider and a default pool");
  addSettingOptions(dev, [...SETTINGS, ...DEV_SETTINGS]);
  dev.action(async (flags: Flags) => runDev(flags));
  registerDevTokenCommand(dev);
  registerDevKeyCommand(dev);
}
