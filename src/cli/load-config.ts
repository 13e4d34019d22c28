import {
  type Config,
  ConfigError,
  type DevSettings,
  type GatewaySettings,
  loadConfig,
  loadDevConfig,
  loadGatewayConfig,
} from "../config/index.js";

/**
 * Loads the configuration for a command; a configuration mistake is printed, naming the flag or
 * variable, and ends the process with status 2 (it never reaches the service).
 */
export function loadConfigOrExit(flags: Record<string, string | boolean | undefined>): Config {
  return orExit(() => loadConfig(flags));
}

/** The same for `idpool dev` and its subcommands. */
export function loadDevConfigOrExit(flags: Record<string, string | boolean | undefined>): {
  config: Config;
  dev: DevSettings;
} {
  return orExit(() => loadDevConfig(flags));
}

/** The same for `idpool gateway`. */
export function loadGatewayConfigOrExit(flags: Record<string, string | boolean | undefined>): {
  config: Config;
  gateway: GatewaySettings;
} {
  return orExit(() => loadGatewayConfig(flags));
}

function orExit<T>(load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`idpool: configuration error: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}
