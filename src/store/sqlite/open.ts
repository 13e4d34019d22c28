import { mkdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { kyselyStore } from "../sql/kysely-store.js";
import type { Database as Schema } from "../sql/schema.js";
import type { Store } from "../store.js";

export const SQLITE_FILE_NAME = "idpool.sqlite";

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
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database }) });
  return kyselyStore(db);
}
