import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openSqliteStore, SQLITE_FILE_NAME, type Store } from "../../src/store/index.js";
import { pool } from "../support/records.js";

/**
 * `serve --workers N` runs N processes on one SQLite file. A deferred BEGIN takes the write lock
 * only at the first write, and SQLite never waits (busy_timeout or not) when a read transaction
 * cannot upgrade because another connection writes: SQLITE_BUSY at once
 * (https://www.sqlite.org/lang_transaction.html, "deferred"; https://www.sqlite.org/rescode.html#busy).
 */
const CHILD = fileURLToPath(new URL("./sqlite-race-child.ts", import.meta.url));
const POOL_ID = "us-east-1:race";

let dataDir: string;
let store: Store;
beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "idpool-sqlite-lock-"));
  store = openSqliteStore(dataDir);
  await store.migrate();
  await store.pools.create(pool(POOL_ID));
});
afterEach(async () => {
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const identity = (identityId: string) => ({
  identityId,
  poolId: POOL_ID,
  createdAtMs: 1,
  modifiedAtMs: 1,
  mergedInto: undefined,
  disabledAtMs: undefined,
});

interface ChildResult {
  readonly ok: number;
  readonly locked: number;
  readonly other: readonly string[];
}

function runChild(prefix: string, count: number): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", CHILD, dataDir, prefix, String(count)]);
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString("utf8");
    });
    child.stderr.on("data", (d: Buffer) => {
      err += d.toString("utf8");
    });
    child.on("exit", (code) => {
      if (code === 0) resolve(JSON.parse(out) as ChildResult);
      else reject(new Error(`race child exited with ${code}: ${err}`));
    });
  });
}

describe("SQLite transactions across connections", () => {
  it("hold the write lock from BEGIN, so a read-then-write transaction cannot lose it to another process", async () => {
    // Another process's connection, impatient so that the test never waits.
    const other = new Database(join(dataDir, SQLITE_FILE_NAME));
    other.pragma("busy_timeout = 0");
    let otherGotWriteLock: boolean | undefined;
    try {
      await store.transaction(async (tx) => {
        await tx.logins.findByLogin(POOL_ID, "idp", "someone");
        try {
          other.exec("begin immediate");
          other.prepare("insert into settings (key, value) values ('other', 'x')").run();
          otherGotWriteLock = true;
        } catch (error) {
          expect(String(error)).toMatch(/database is locked/);
          otherGotWriteLock = false;
        }
        await tx.identities.create(identity("us-east-1:mine"));
      });
    } finally {
      if (other.inTransaction) other.exec("rollback");
      other.close();
    }
    expect(otherGotWriteLock).toBe(false);
    expect(await store.identities.get("us-east-1:mine")).toBeDefined();
  });

  it("lose no GetId-shaped transaction to 'database is locked' when two processes race", async () => {
    const count = 300;
    const results = await Promise.all([runChild("a", count), runChild("b", count)]);
    expect(results).toEqual([
      { ok: count, locked: 0, other: [] },
      { ok: count, locked: 0, other: [] },
    ]);
    expect(await store.identities.countInPool(POOL_ID)).toBe(2 * count);
  }, 60_000);
});
