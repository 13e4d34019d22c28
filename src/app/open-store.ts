import type { Config } from "../config/index.js";
import type { RootLogger } from "../server/index.js";
import { cachedStore, claimDataDir, openPostgresStore, openSqliteStore, type Store } from "../store/index.js";

export interface OpenStoreOptions {
  /**
   * Other processes write the same database (several workers on one SQLite file, the gateway), so
   * the cache checks the configuration version. A PostgreSQL store is always shared: that is what
   * it is for (README, "Several processes on PostgreSQL"). A SQLite store not shared claims its
   * data directory until closed, and opening fails when another process holds the claim.
   */
  readonly sharedWithOtherProcesses?: boolean;
  /** How long one version check holds (default 0: every cached read checks); see cachedStore. */
  readonly versionCheckIntervalMs?: number;
  readonly log?: Pick<RootLogger, "warn">;
  readonly onQueryDuration?: (durationMs: number) => void;
}

/**
 * The store the configuration names (SQLite by default), behind the configuration cache. Not
 * shared, it caches identities too, which is exact only while no other process writes them: hence
 * the data directory's claim (README: Run it).
 */
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
  const claim = sharedWithOtherProcesses ? undefined : claimDataDir(config.dataDir);
  try {
    const store = cachedStore(openSqliteStore(config.dataDir, timed), {
      sharedWithOtherProcesses,
      versionCheckIntervalMs,
    });
    if (!claim) return store;
    return { ...store, close: () => store.close().finally(() => claim.release()) };
  } catch (error) {
    claim?.release();
    throw error;
  }
}
