import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { kyselyStore, migrateToLatest } from "../sql/kysely-store.js";
import type { Database } from "../sql/schema.js";
import type { Store } from "../store.js";
import { withBatchedReads } from "./batched-reads.js";
import { PreparingClient } from "./prepared-client.js";
import { retryingTransaction } from "./transaction.js";

/** Connections per process; several processes share the server's max_connections (default 100). */
export const POOL_SIZE = 10;
/**
 * While the database is down or unreachable, a request waits at most this long for a connection
 * (a new one, or a free one from the pool) before it fails with an internal error.
 */
export const CONNECT_TIMEOUT_MS = 2_000;
/**
 * Hot-path reads in flight at once per kind (postgres/read-batcher.ts); reads arriving meanwhile
 * share the next query. Measured on the benchmark (2 cores shared with PostgreSQL and the load
 * generator, 50 connections) as PostgreSQL's share of SQLite's GetCredentialsForIdentity
 * throughput: one worker, 77–79% with one in flight, 73–74% with three, 70–75% unbatched; two
 * workers, 74%, 57–60% and 74–88%. One also halves GetId's cost on PostgreSQL (93–95% of SQLite).
 */
export const BATCHED_READS_IN_FLIGHT = 1;
/** Server-side cap on one statement, lock waits included; no request holds a connection longer. */
export const STATEMENT_TIMEOUT_MS = 10_000;
/** Client-side cap, for a server that stopped answering without closing the connection. */
const QUERY_TIMEOUT_MS = 15_000;

export interface PostgresStoreOptions {
  /**
   * An idle connection broke (the server restarted or the network dropped it). The pool drops
   * the connection and opens a new one when needed, so this is for logging only.
   */
  readonly onConnectionError?: (error: Error) => void;
  readonly poolSize?: number;
  /** Told each query's duration in milliseconds (Kysely's `log` option), failed ones included. */
  readonly onQueryDuration?: (durationMs: number) => void;
}

function newPool(url: string, config: pg.PoolConfig, onError: (error: Error) => void): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, ...config });
  // Without listeners, a broken connection's 'error' event would crash the process. The pool
  // reports idle connections; a connection in use also fails its running query, which is how the
  // request learns of it, so its own event needs no handling beyond existing.
  pool.on("error", onError);
  pool.on("connect", (client) => client.on("error", () => {}));
  return pool;
}

/**
 * Migrations run on their own single connection without the statement timeout: a migration on
 * a large table may take longer, and Kysely's Migrator waits on its advisory lock while another
 * process migrates (several processes starting at once apply each migration once).
 */
async function migrate(url: string, onError: (error: Error) => void): Promise<void> {
  const pool = newPool(url, { max: 1, application_name: "idpool-migrate" }, onError);
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
}

/**
 * The PostgreSQL store for several idpool processes sharing one database (DESIGN.md, "Storage").
 * Same queries as SQLite (sql/); transactions run REPEATABLE READ with retries (transaction.ts).
 * Nothing connects until the first query, so opening never fails; an outage makes queries fail
 * within CONNECT_TIMEOUT_MS, and the pool reconnects by itself when the server is back.
 */
export function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Store {
  const onError = options.onConnectionError ?? (() => {});
  const pool = newPool(
    url,
    {
      max: options.poolSize ?? POOL_SIZE,
      idleTimeoutMillis: 30_000,
      statement_timeout: STATEMENT_TIMEOUT_MS,
      query_timeout: QUERY_TIMEOUT_MS,
      // A transaction left open (a crashed request) must not hold row locks for long.
      idle_in_transaction_session_timeout: STATEMENT_TIMEOUT_MS,
      keepAlive: true,
      application_name: "idpool",
      Client: PreparingClient,
    },
    onError,
  );
  const { onQueryDuration } = options;
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    ...(onQueryDuration ? { log: (event) => onQueryDuration(event.queryDurationMillis) } : {}),
  });
  const store = kyselyStore(db, { runTransaction: retryingTransaction, migrate: () => migrate(url, onError) });
  return withBatchedReads(store, db, BATCHED_READS_IN_FLIGHT);
}
