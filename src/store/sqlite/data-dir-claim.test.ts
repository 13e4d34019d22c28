import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { claimDataDir } from "./data-dir-claim.js";
import { openSqliteStore } from "./open.js";

// Across processes, and after a crash: test/cli/serve.test.ts.
let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), "idpool-claim-"));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

it("lets one holder claim a data directory at a time, and the next once it is released", () => {
  const first = claimDataDir(dataDir);
  expect(() => claimDataDir(dataDir)).toThrow(
    `--data-dir ${dataDir} is in use by another idpool serve or idpool dev; one process serves a SQLite data directory`,
  );
  first.release();
  const second = claimDataDir(dataDir);
  second.release();
});

it("creates the directory, and leaves the store's own database free for the processes that share it", async () => {
  const nested = join(dataDir, "new", "dir");
  const claim = claimDataDir(nested);
  const store = openSqliteStore(nested);
  try {
    await store.migrate();
    await expect(store.ping()).resolves.toBeUndefined();
  } finally {
    await store.close();
    claim.release();
  }
});
