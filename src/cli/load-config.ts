import { type Config, ConfigError, loadConfig } from "../config/index.js";

/**
 * Loads the configuration for a command; a configuration mistake is printed, naming the flag or
 * variable, and ends the process with status 2 (it never reaches the service).
 */
export function loadConfigOrExit(flags: Record<string, string | boolean | undefined>): Config {
  try {
    return loadConfig(flags);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`idpool: configuration error: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}
