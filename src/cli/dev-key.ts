import type { Command } from "commander";
import { openConfiguredStore, rotateTestProviderKey } from "../app/index.js";
import { cryptoIds, systemClock } from "../shared/index.js";
import { loadDevConfigOrExit } from "./load-config.js";

/**
 * `idpool dev rotate-idp-key [name]`: a new signing key for a test provider, written to the store
 * `idpool dev` uses. The previous key stays published, so tokens it signed keep verifying; a
 * running `idpool dev` publishes and signs with the new one within seconds.
 */
export function registerDevKeyCommand(dev: Command): void {
  dev
    .command("rotate-idp-key [name]")
    .description("rotate the signing key of a test provider (default dev); the old key stays published")
    .option("--data-dir <dir>", "data directory of idpool dev's store (env IDPOOL_DATA_DIR, default ./.idpool-dev)")
    .option("--database-url <url>", "PostgreSQL store (env IDPOOL_DATABASE_URL)")
    .action(async (name: string | undefined, flags: Record<string, string | undefined>) => {
      const { config } = loadDevConfigOrExit(flags);
      // Beside the running server, which owns the data directory's claim.
      const store = openConfiguredStore(config, { sharedWithOtherProcesses: true });
      try {
        await store.migrate();
        const kid = await rotateTestProviderKey(store, systemClock, cryptoIds, name ?? "dev");
        process.stdout.write(
          `new signing key ${kid} for test provider ${name ?? "dev"}; the previous one stays published\n`,
        );
      } finally {
        await store.close();
      }
    });
}
