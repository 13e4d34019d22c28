/**
 * Throwaway PostgreSQL servers for tests (reference/toolchain.md §3): `initdb` into a temp dir,
 * `pg_ctl start` on a free port, trust auth on 127.0.0.1 only. As root both run as the
 * `postgres` user through `su`, since initdb refuses to run as root.
 *
 * Also vitest's globalSetup (vitest.config.ts): one server for the whole run, handed to tests
 * through `inject("postgres")`, or a line saying why the PostgreSQL half is skipped.
 */
import { execFileSync } from "node:child_process";
import { chownSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";

export type PostgresAvailability =
  | { readonly available: true; readonly url: string }
  | { readonly available: false; readonly reason: string };

declare module "vitest" {
  export interface ProvidedContext {
    postgres: PostgresAvailability;
  }
}

export interface TestPostgres {
  /** `postgres://postgres@127.0.0.1:PORT/postgres` */
  readonly url: string;
  readonly port: number;
  /** pg_ctl stop -m fast: connections are closed, new ones are refused. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  /** Stops it and deletes its files. */
  destroy(): Promise<void>;
}

function which(name: string): string | undefined {
  try {
    return execFileSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Absolute paths of initdb and pg_ctl, or why PostgreSQL tests cannot run here. */
export function postgresBinaries(): { initdb: string; pgCtl: string } | string {
  const initdb = which("initdb");
  const pgCtl = which("pg_ctl");
  if (!initdb || !pgCtl) return "initdb and pg_ctl are not on the PATH";
  return { initdb, pgCtl };
}

const isRoot = (): boolean => process.getuid?.() === 0;

/** Runs a command as the postgres user when we are root, else as ourselves. */
function runAsPostgres(args: readonly string[]): void {
  if (!isRoot()) {
    const [cmd, ...rest] = args;
    execFileSync(cmd ?? "", rest, { stdio: "pipe" });
    return;
  }
  // Every argument is ours (absolute binary paths, mkdtemp paths, numbers): quote for sh anyway.
  const quoted = args.map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(" ");
  execFileSync("su", ["postgres", "-s", "/bin/sh", "-c", quoted], { stdio: "pipe" });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== "object" || !address) throw new Error("no port");
  return address.port;
}

/** A new server; fsync is off because its data is thrown away. */
export async function startPostgres(): Promise<TestPostgres> {
  const bins = postgresBinaries();
  if (typeof bins === "string") throw new Error(`cannot start PostgreSQL: ${bins}`);
  const root = mkdtempSync(join(tmpdir(), "idpool-pg-"));
  if (isRoot()) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chownSync(root, uid, gid);
  }
  const data = join(root, "data");
  runAsPostgres([bins.initdb, "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]);
  const port = await freePort();
  const serverOptions = [
    `-p ${port}`,
    `-k ${root}`,
    "-c listen_addresses=127.0.0.1",
    "-c fsync=off",
    "-c synchronous_commit=off",
    "-c full_page_writes=off",
    "-c max_connections=300",
  ].join(" ");
  const start = async () => {
    runAsPostgres([bins.pgCtl, "-D", data, "-o", serverOptions, "-l", join(root, "server.log"), "-w", "start"]);
  };
  const stop = async () => {
    runAsPostgres([bins.pgCtl, "-D", data, "-m", "fast", "-w", "stop"]);
  };
  await start();
  let running = true;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    async stop() {
      await stop();
      running = false;
    },
    async start() {
      await start();
      running = true;
    },
    async destroy() {
      if (running) await stop();
      running = false;
      rmSync(root, { recursive: true, force: true });
    },
  };
}

let databaseCounter = 0;

/** A new empty database on the server of `url`; returns its URL. */
export async function freshDatabase(url: string, prefix = "idpool_test"): Promise<string> {
  databaseCounter += 1;
  const name = `${prefix}_${process.pid}_${databaseCounter}_${Math.random().toString(36).slice(2, 8)}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.toString();
}

let shared: TestPostgres | undefined;

/** vitest globalSetup: one server for every test file that wants one. */
export async function setup(project: TestProject): Promise<void> {
  const bins = postgresBinaries();
  if (typeof bins === "string") {
    if (process.env.IDPOOL_TEST_REQUIRE_POSTGRES === "1") {
      throw new Error(`IDPOOL_TEST_REQUIRE_POSTGRES=1 but PostgreSQL cannot run: ${bins}`);
    }
    const reason = `${bins} (install PostgreSQL, e.g. apt-get install -y postgresql, to run them)`;
    process.stdout.write(`PostgreSQL: skipping the PostgreSQL store contract and multiprocess tests: ${reason}\n`);
    project.provide("postgres", { available: false, reason });
    return;
  }
  shared = await startPostgres();
  process.stdout.write(`PostgreSQL: throwaway server on port ${shared.port} for the store tests\n`);
  project.provide("postgres", { available: true, url: shared.url });
}

export async function teardown(): Promise<void> {
  await shared?.destroy();
  shared = undefined;
}
