import type { Config } from "../config/index.js";
import type { RootLogger } from "../server/index.js";
import { cachedStore, openPostgresStore, openSqliteStore, type Store } from "../store/index.js";

export interface OpenStoreOptions {
  /**
   * Other processes write the same database (several workers on one SQLite file, the gateway), so
   * the cache checks the configuration version. A PostgreSQL store is always shared: that is what
   * it is for (README, "Several processes on PostgreSQL").
   */
  readonly sharedWithOtherProcesses?: boolean;
  /** How long one version check holds (default 0: every cached read checks); see cachedStore. */
  readonly versionCheckIntervalMs?: number;
  readonly log?: Pick<RootLogger, "warn">;
  readonly onQueryDuration?: (durationMs: number) => void;
}

/** The store the configuration names (SQLite by default), behind the configuration cache. */
export function openConfiguredStore(config: Config, options: OpenStoreOptions = {}): Store {
  const { log, onQueryDuration, versionCheckIntervalMs = 0 } = options;
  const timed = onQueryDuration ? { onQueryDuration } : {};
  if (config.databaseUrl) {
    const store = openPostgresStore(config.databaseUrl, {
      onConnectionError: (err) => log?.warn({ err }, "a PostgreSQL connection failed; it will be replaced"),
      ...timed,
    });
    return cachedStore(store, { sharedWithOtherProcesses: true, versionCheckIntervalMs });
  }
  const sharedWithOtherProcesses = options.sharedWithOtherProcesses ?? false;
  return cachedStore(openSqliteStore(config.dataDir, timed), { sharedWithOtherProcesses, versionCheckIntervalMs });
}
