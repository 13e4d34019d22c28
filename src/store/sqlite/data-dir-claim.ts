import { mkdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";

/** The file whose lock is the claim; it holds nothing, and staying behind after a stop is harmless. */
export const CLAIM_FILE_NAME = "serve.lock";

export interface DataDirClaim {
  release(): void;
}

/**
 * Claims a data directory for the one process that serves it alone: a store opened without
 * `sharedWithOtherProcesses` keeps identities in memory, which is exact only while no other
 * process writes them (store/identity-cache.ts). The claim is SQLite's own exclusive lock on a
 * file of its own, taken at once (no busy timeout) and held by an open transaction: the operating
 * system drops it when the process ends, however it ends, so no stale claim survives a crash
 * (https://www.sqlite.org/lockingv3.html, "EXCLUSIVE"). Processes that share the store on
 * purpose (`--workers`'s workers, `idpool gateway`, `idpool keys rotate`) do not claim it.
 */
export function claimDataDir(dataDir: string): DataDirClaim {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const lock = new Database(join(dataDir, CLAIM_FILE_NAME), { timeout: 0 });
  try {
    lock.exec("BEGIN EXCLUSIVE");
  } catch (error) {
    lock.close();
    if ((error as { code?: unknown }).code !== "SQLITE_BUSY") throw error;
    throw new Error(
      `--data-dir ${dataDir} is in use by another idpool serve or idpool dev; one process serves a SQLite ` +
        "data directory (it keeps identities in memory). Stop the other one, or run several processes " +
        "with --workers, or on PostgreSQL with --database-url",
    );
  }
  return { release: () => lock.close() };
}
