import type { Store } from "../../src/store/index.js";
import { openSqliteStore } from "../../src/store/index.js";

/**
 * Every engine the contract suite runs against. PostgreSQL joins in issue #6 (it is started by the
 * suite when initdb and pg_ctl are on the PATH).
 */
export interface EngineUnderTest {
  readonly name: string;
  open(): Promise<Store>;
}

export const ENGINES: readonly EngineUnderTest[] = [
  {
    name: "sqlite",
    async open() {
      const store = openSqliteStore(":memory:");
      await store.migrate();
      return store;
    },
  },
];
