import type { Config } from "../config/index.js";
import type { RootLogger } from "../server/index.js";
import { cachedStore, openPostgresStore, openSqliteStore, type Store } from "../store/index.js";

/**
 * The store the configuration names (SQLite by default), behind the configuration cache.
 * `sharedWithOtherProcesses`: other processes write the same database (several workers on one
 * SQLite file), so the cache checks the configuration version on each read. A PostgreSQL store is
 * always shared: that is what it is for (README, "Several processes on PostgreSQL").
 */
export function openConfiguredStore(
  config: Config,
  sharedWithOtherProcesses = false,
  log?: Pick<RootLogger, "warn">,
  onQueryDuration?: (durationMs: number) => void,
): Store {
  const timed = onQueryDuration ? { onQueryDuration } : {};
  if (config.databaseUrl) {
    const store = openPostgresStore(config.databaseUrl, {
      onConnectionError: (err) => log?.warn({ err }, "a PostgreSQL connection failed; it will be replaced"),
      ...timed,
    });
    return cachedStore(store, { sharedWithOtherProcesses: true });
  }
  return cachedStore(openSqliteStore(config.dataDir, timed), { sharedWithOtherProcesses });
}
