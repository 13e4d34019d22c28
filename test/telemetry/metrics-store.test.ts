import { describe, expect, inject, it } from "vitest";
import { openPostgresStore, openSqliteStore, type Store } from "../../src/store/index.js";
import { freshDatabase } from "../support/postgres.js";

const server = inject("postgres");

/** Opens a store that reports each query's duration into `durations`, runs `fn`, closes it. */
async function timed(
  open: (onQueryDuration: (ms: number) => void) => Store | Promise<Store>,
  fn: (store: Store) => Promise<void>,
): Promise<number[]> {
  const durations: number[] = [];
  const store = await open((ms) => durations.push(ms));
  try {
    await store.migrate();
    durations.length = 0;
    await fn(store);
  } finally {
    await store.close();
  }
  return durations;
}

/** Three reads of the configuration version, one query each. */
const threeReads = async (store: Store) => {
  for (let i = 0; i < 3; i++) await store.configVersion();
};

describe("store query durations (onQueryDuration, for idpool_store_query_duration_seconds)", () => {
  it("reports every SQLite query with its duration in milliseconds", async () => {
    const durations = await timed((onQueryDuration) => openSqliteStore(":memory:", { onQueryDuration }), threeReads);
    expect(durations).toHaveLength(3);
    for (const ms of durations) {
      expect(ms).toBeGreaterThan(0);
      expect(ms).toBeLessThan(1_000);
    }
  });

  it.skipIf(!server.available)("reports every PostgreSQL query with its duration in milliseconds", async () => {
    const url = server.available ? await freshDatabase(server.url) : "";
    const durations = await timed((onQueryDuration) => openPostgresStore(url, { onQueryDuration }), threeReads);
    expect(durations).toHaveLength(3);
    for (const ms of durations) {
      expect(ms).toBeGreaterThan(0);
      expect(ms).toBeLessThan(10_000);
    }
  });
});
