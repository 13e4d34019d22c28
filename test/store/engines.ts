import { inject } from "vitest";
import type { Store } from "../../src/store/index.js";
import { openPostgresStore, openSqliteStore } from "../../src/store/index.js";
import { freshDatabase } from "../support/postgres.js";

/**
 * Every engine the contract suite runs against. PostgreSQL joins when the run's globalSetup
 * started a throwaway server (initdb and pg_ctl on the PATH); each store gets a new database.
 */
export interface EngineUnderTest {
  readonly name: string;
  /** An empty store, migrated unless `migrated` is false. */
  open(options?: { migrated?: boolean }): Promise<Store>;
  /** Another store on the same database as `open`'s last one: a second process. */
  openSibling?(): Promise<Store>;
}

const sqlite: EngineUnderTest = {
  name: "sqlite",
  async open(options) {
    const store = openSqliteStore(":memory:");
    if (options?.migrated !== false) await store.migrate();
    return store;
  },
};

function postgres(serverUrl: string): EngineUnderTest {
  let lastUrl: string | undefined;
  return {
    name: "postgresql",
    async open(options) {
      lastUrl = await freshDatabase(serverUrl);
      const store = openPostgresStore(lastUrl);
      if (options?.migrated !== false) await store.migrate();
      return store;
    },
    async openSibling() {
      if (!lastUrl) throw new Error("open() first");
      return openPostgresStore(lastUrl);
    },
  };
}

const server = inject("postgres");

/** Why the PostgreSQL half does not run, when it does not. */
export const POSTGRES_SKIPPED: string | undefined = server.available ? undefined : server.reason;

export const ENGINES: readonly EngineUnderTest[] = server.available ? [sqlite, postgres(server.url)] : [sqlite];
