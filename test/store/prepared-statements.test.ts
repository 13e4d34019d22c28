import { afterEach, describe, expect, inject, it, vi } from "vitest";
import { PreparingClient, statementName } from "../../src/store/postgres/prepared-client.js";
import { freshDatabase } from "../support/postgres.js";

describe("statement names for PostgreSQL", () => {
  it("names a data statement once and keeps the name, and leaves transaction control unnamed", () => {
    const text = 'select "version" from "config_version" where "id" = $1 /* naming test */';
    const name = statementName(text);
    expect(name).toMatch(/^idpool_\d+$/);
    expect(statementName(text)).toBe(name);
    expect(statementName(`${text} `)).not.toBe(name);
    for (const control of ["begin", "commit", "rollback", "start transaction isolation level repeatable read"]) {
      expect(statementName(control), control).toBeUndefined();
    }
    expect(statementName("create table t (id int)")).toBeUndefined();
  });

  it("stops naming new texts past MAX_NAMED_STATEMENTS but keeps the names it gave", async () => {
    vi.resetModules();
    const fresh = await import("../../src/store/postgres/prepared-client.js");
    const first = fresh.statementName("select 0");
    for (let i = 1; i < fresh.MAX_NAMED_STATEMENTS; i++) expect(fresh.statementName(`select ${i}`)).toBeDefined();
    expect(fresh.statementName("select 'one too many'")).toBeUndefined();
    expect(fresh.statementName("select 0")).toBe(first);
  });
});

const server = inject("postgres");

describe.runIf(server.available)("PreparingClient on a real PostgreSQL", () => {
  let client: PreparingClient | undefined;
  afterEach(async () => {
    await client?.end();
    client = undefined;
  });

  it("parses a Kysely-style query once per connection and answers every call", async () => {
    if (!server.available) return;
    client = new PreparingClient({ connectionString: await freshDatabase(server.url) });
    await client.connect();
    const text = "select $1::int + 1 as n";
    const answers: number[] = [];
    for (const value of [1, 41, 99]) answers.push((await client.query(text, [value])).rows[0].n);
    expect(answers).toEqual([2, 42, 100]);
    await client.query("begin", []);
    await client.query("commit", []);
    const prepared = await client.query("select name, statement from pg_prepared_statements order by name");
    expect(prepared.rows).toEqual([{ name: statementName(text), statement: text }]);
  });
});
