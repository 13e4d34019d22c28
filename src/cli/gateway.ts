/**
 * `idpool gateway --upstream URL` (README: "Protect your own API with idpool credentials"): a
 * reverse proxy that lets through requests SigV4-signed with idpool credentials whose policies
 * allow execute-api:Invoke on the request, on the store `serve` uses (same --data-dir or
 * --database-url). Prints `idpool gateway listening on http://HOST:PORT` when ready.
 */
import type { Command } from "commander";
import { createLogger, startGateway } from "../app/index.js";
import { GATEWAY_SETTINGS, GATEWAY_SHARED_SETTING_KEYS, SETTINGS } from "../config/index.js";
import { loadGatewayConfigOrExit } from "./load-config.js";
import { addSettingOptions } from "./setting-options.js";
import { stopOnSignals } from "./signals.js";

export function registerGatewayCommand(program: Command): void {
  const gateway = program
    .command("gateway")
    .description("a SigV4-verifying reverse proxy: idpool credentials and IAM policies in front of your own API");
  addSettingOptions(gateway, GATEWAY_SETTINGS);
  const shared: readonly string[] = GATEWAY_SHARED_SETTING_KEYS;
  addSettingOptions(
    gateway,
    SETTINGS.filter((spec) => shared.includes(spec.key)),
  );
  gateway.action(async (flags: Record<string, string | boolean | undefined>) => {
    const loaded = loadGatewayConfigOrExit(flags);
    const log = createLogger();
    const running = await startGateway({ ...loaded, log });
    stopOnSignals(log, () => running.stop().then(() => 0));
    process.stdout.write(`idpool gateway listening on ${running.url}\n`);
  });
}
