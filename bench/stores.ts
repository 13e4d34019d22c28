import { cpSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { freshDatabase, startPostgres, type TestPostgres } from "../test/support/postgres.js";
import type { BenchOptions, StoreName } from "./options.js";
import type { IdpoolChildOptions } from "./processes.js";

/** Where one store's server keeps its data. */
export interface StoreTarget {
  readonly store: StoreName;
  /** Always set: root credentials and, for SQLite, the database file live here. */
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  /** How the PostgreSQL server was provided, for the report. */
  readonly note: string;
}

export interface PreparedStores {
  readonly targets: readonly StoreTarget[];
  stop(): Promise<void>;
}

/**
 * A fresh SQLite file per run; for PostgreSQL, the empty database given by --database-url or, when
 * none is given, a throwaway server (test/support/postgres.ts: fsync off, as its data is thrown
 * away; the measured operations only read once the identities are loaded).
 */
export async function prepareStores(
  stores: readonly StoreName[],
  databaseUrl: string | undefined,
  runDir: string,
): Promise<PreparedStores> {
  let throwaway: TestPostgres | undefined;
  const targets: StoreTarget[] = [];
  try {
    for (const store of stores) {
      const dataDir = join(runDir, `data-${store}`);
      mkdirSync(dataDir, { recursive: true });
      if (store === "sqlite") {
        targets.push({ store, dataDir, databaseUrl: undefined, note: "a new file, WAL, synchronous=FULL" });
        continue;
      }
      if (databaseUrl) {
        targets.push({ store, dataDir, databaseUrl, note: "the database given by --database-url" });
        continue;
      }
      throwaway = await startPostgres();
      const url = await freshDatabase(throwaway.url, "idpool_bench");
      targets.push({ store, dataDir, databaseUrl: url, note: "a throwaway local server (fsync off)" });
    }
  } catch (error) {
    await throwaway?.destroy();
    throw error;
  }
  return { targets, stop: async () => throwaway?.destroy() };
}

/**
 * The data directory of one more server of `target`, for `role`. A single-process serve claims
 * its SQLite data directory (README: Run it), so each further server of a SQLite store gets a copy
 * of the loaded one, made while no server has it open; on PostgreSQL they share the database, as
 * several processes do in production.
 */
export function dataDirFor(target: StoreTarget, role: string): string {
  if (target.databaseUrl) return target.dataDir;
  const copy = `${target.dataDir}-${role}`;
  cpSync(target.dataDir, copy, { recursive: true });
  return copy;
}

/** How one store is served: the measured server, the first-seen rows', and the telemetry pair. */
export interface StoreServes {
  readonly measured: IdpoolChildOptions;
  /** Started while the measured server still runs. */
  readonly firstSeen: IdpoolChildOptions;
  /** With --metrics or --audit: the same store with telemetry on, and without it again (the A/A control). */
  readonly telemetry?: { readonly on: IdpoolChildOptions; readonly twin: IdpoolChildOptions };
}

/** Call once the store is loaded and before any of its servers starts: the copies are made here. */
export function storeServes(
  target: StoreTarget,
  measured: IdpoolChildOptions,
  options: Pick<BenchOptions, "telemetry" | "firstSeen">,
  auditLog: string,
): StoreServes {
  const { metrics, audit } = options.telemetry;
  const firstSeen = options.firstSeen ? { ...measured, dataDir: dataDirFor(target, "first-seen") } : measured;
  if (!metrics && !audit) return { measured, firstSeen };
  const on = [...(metrics ? ["--metrics-port", "0"] : []), ...(audit ? ["--audit-log", auditLog] : [])];
  return {
    measured,
    firstSeen,
    telemetry: {
      on: { ...measured, dataDir: dataDirFor(target, "on"), extraArgs: on },
      twin: { ...measured, dataDir: dataDirFor(target, "twin") },
    },
  };
}
