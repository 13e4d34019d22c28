import { mkdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  type SqliteDatabase,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
  type SqliteStatement,
} from "kysely";
import { kyselyStore } from "../sql/kysely-store.js";
import type { Database as Schema } from "../sql/schema.js";
import type { Store } from "../store.js";

export const SQLITE_FILE_NAME = "idpool.sqlite";

/** Distinct statements idpool issues are few (well under this); the cap only guards against surprises. */
const MAX_CACHED_STATEMENTS = 500;

/**
 * Kysely's SQLite driver prepares every query anew; preparing is a large share of a hot-path
 * query's cost, so statements are kept by their SQL text. Kysely runs each statement to
 * completion synchronously (`all`/`run`), so a cached statement is never in use twice at once,
 * and SQLite re-prepares a statement by itself when a migration changes the schema.
 */
function withStatementCache(
  database: Database.Database,
  onQueryDuration?: (durationMs: number) => void,
): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    close: () => database.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (!statement) {
        const prepared = database.prepare(sql);
        statement = onQueryDuration ? timed(prepared, onQueryDuration) : prepared;
        if (statements.size >= MAX_CACHED_STATEMENTS) statements.clear();
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}

/**
 * A statement that reports how long each run took, failed runs included. Timed here, around
 * better-sqlite3's synchronous call, rather than by Kysely's `log` option, which wraps every query
 * in four more awaits: on a cached read they cost about as much as the query itself.
 */
function timed(statement: Database.Statement, onQueryDuration: (durationMs: number) => void): SqliteStatement {
  const time = <T>(run: () => T): T => {
    const started = performance.now();
    try {
      return run();
    } finally {
      onQueryDuration(performance.now() - started);
    }
  };
  return {
    reader: statement.reader,
    all: (parameters) => time(() => statement.all(parameters)),
    run: (parameters) => time(() => statement.run(parameters)),
    iterate: (parameters) => statement.iterate(parameters),
  };
}

/**
 * Kysely's SQLite driver opens transactions with a plain (deferred) BEGIN, which takes the write
 * lock only at the first write. A transaction that has read and then writes while another process
 * holds the write lock fails at once with SQLITE_BUSY: SQLite does not call the busy handler for
 * that upgrade, since waiting could deadlock (https://www.sqlite.org/lang_transaction.html,
 * https://www.sqlite.org/c3ref/busy_handler.html). Store transactions read then write (look a
 * login up, then create it), so they BEGIN IMMEDIATE: the write lock is taken up front, where
 * busy_timeout applies. Within one process Kysely already runs one transaction at a time on its
 * one connection, and readers outside transactions still run beside the writer (WAL).
 */
class ImmediateTransactionDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

class ImmediateTransactionDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateTransactionDriver(this.#config);
  }
}

/**
 * Opens (creating if needed) the embedded store. WAL lets readers run beside the writer;
 * synchronous=FULL makes every acknowledged commit durable across power loss, not only across
 * process crashes (https://www.sqlite.org/pragma.html#pragma_synchronous).
 * `path` ":memory:" gives a throwaway store for tests. `onQueryDuration` is told each query's
 * duration in milliseconds (timed around SQLite's own run), failed ones included.
 */
export function openSqliteStore(
  dataDirOrMemory: string,
  options: { readonly onQueryDuration?: (durationMs: number) => void } = {},
): Store {
  let file = dataDirOrMemory;
  if (dataDirOrMemory !== ":memory:") {
    mkdirSync(dataDirOrMemory, { recursive: true, mode: 0o700 });
    file = join(dataDirOrMemory, SQLITE_FILE_NAME);
  }
  const database = new Database(file);
  database.pragma("journal_mode = WAL");
  database.pragma("synchronous = FULL");
  database.pragma("busy_timeout = 5000");
  database.pragma("foreign_keys = ON");
  const { onQueryDuration } = options;
  const db = new Kysely<Schema>({
    dialect: new ImmediateTransactionDialect({ database: withStatementCache(database, onQueryDuration) }),
  });
  return kyselyStore(db);
}
