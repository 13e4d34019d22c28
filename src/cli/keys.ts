import type { Command } from "commander";
import { openConfiguredStore } from "../app/index.js";
import { cryptoIds, systemClock } from "../shared/index.js";
import { rotateSigningKey } from "../tokens/index.js";
import { loadConfigOrExit } from "./load-config.js";

/**
 * `idpool keys rotate`: a new signing key for idpool's own OpenID tokens, written to the store the
 * server uses. Running servers sign with it within seconds; older keys stay published until every
 * token they signed has expired (reference §5).
 */
export function registerKeysCommand(program: Command): void {
  const keys = program.command("keys").description("manage idpool's token-signing keys");
  keys
    .command("rotate")
    .description("make a new signing key for idpool's OpenID tokens")
    .option("--data-dir <dir>", "data directory of the SQLite store (env IDPOOL_DATA_DIR, default ./.idpool)")
    .option("--database-url <url>", "PostgreSQL store (env IDPOOL_DATABASE_URL)")
    .option("--region <region>", "region used in key ids (env IDPOOL_REGION, default us-east-1)")
    .action(async (flags: Record<string, string | undefined>) => {
      const config = loadConfigOrExit(flags);
      // Beside the running server, which owns the data directory's claim.
      const store = openConfiguredStore(config, { sharedWithOtherProcesses: true });
      try {
        await store.migrate();
        const kid = await rotateSigningKey(store, config.region, systemClock, cryptoIds);
        process.stdout.write(`new signing key ${kid}; earlier keys stay published until their tokens expire\n`);
      } finally {
        await store.close();
      }
    });
}
