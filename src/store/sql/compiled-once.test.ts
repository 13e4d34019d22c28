import Database from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { describe, expect, it } from "vitest";
import { compiledOnce } from "./compiled-once.js";
import type { Database as Schema } from "./schema.js";

function database(): Kysely<Schema> {
  const sqlite = new Database(":memory:");
  sqlite.exec("create table settings (key text primary key, value text not null)");
  sqlite.exec("insert into settings values ('a', '1'), ('b', '2'), ('c', '3')");
  return new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }) });
}

describe("compiledOnce", () => {
  it("runs one compiled form with each call's values, one form per number of values", async () => {
    const byKeys = compiledOnce((db, keys) =>
      db.selectFrom("settings").selectAll().where("key", "in", keys).orderBy("key"),
    );
    const db = database();
    expect(await byKeys(db, ["a"])).toEqual([{ key: "a", value: "1" }]);
    expect(await byKeys(db, ["b"])).toEqual([{ key: "b", value: "2" }]);
    expect((await byKeys(db, ["a", "c"])).map((r) => r.key)).toEqual(["a", "c"]);
    expect(await byKeys(db, ["zz"])).toEqual([]);
    await db.destroy();
  });

  it("refuses a query whose parameters are not its placeholders in order", async () => {
    const fixed = compiledOnce((db, [key = ""]) =>
      db.selectFrom("settings").selectAll().where("value", "=", "1").where("key", "=", key),
    );
    const db = database();
    await expect(fixed(db, ["a"])).rejects.toThrow(/parameters are not its placeholders/);
    await db.destroy();
  });
});
