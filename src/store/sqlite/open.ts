import { mkdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { Kysely, type SqliteDatabase, SqliteDialect } from "kysely";
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
function withStatementCache(database: Database.Database): SqliteDatabase {
  const statements = new Map<string, Database.Statement>();
  return {
    close: () => database.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (!statement) {
        statement = database.prepare(sql);
        if (statements.size >= MAX_CACHED_STATEMENTS) statements.clear();
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}

/**
 * Opens (creating if needed) the embedded store. WAL lets readers run beside the writer;
 * synchronous=FULL makes every acknowledged commit durable across power loss, not only across
 * process crashes (https://www.sqlite.org/pragma.html#pragma_synchronous).
 * `path` ":memory:" gives a throwaway store for tests.
 */
export function openSqliteStore(dataDirOrMemory: string): Store {
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
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
  return kyselyStore(db);
}
