import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { spawnIdpool } from "../support/spawn-idpool.js";

const dirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), "idpool-cli-"));
  dirs.push(dir);
  return dir;
};
/** The JSON log lines of a run's stdout. */
const logLines = (stdout: string): Record<string, unknown>[] =>
  stdout
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("idpool serve", () => {
  it("prints the listening line with the real port, generates root credentials once, and stops on SIGTERM", async () => {
    const dataDir = tempDir();
    const first = spawnIdpool(["serve", "--port", "0", "--data-dir", dataDir]);
    const url = await first.listening();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(url).not.toBe("http://127.0.0.1:0");
    const printed = /AWS_ACCESS_KEY_ID=(AKIA[A-Z2-7]{16})\n\s+AWS_SECRET_ACCESS_KEY=(\S{40})/.exec(first.stdout());
    expect(printed).not.toBeNull();
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    first.child.kill("SIGTERM");
    expect(await first.exited()).toBe(0);
    // The secret appears exactly once: in the banner, never in a log line.
    expect(first.stdout().split(printed?.[2] ?? "").length - 1).toBe(1);

    const second = spawnIdpool(["serve", "--port", "0", "--data-dir", dataDir]);
    await second.listening();
    expect(second.stdout()).not.toContain("AWS_SECRET_ACCESS_KEY");
    second.child.kill("SIGINT");
    expect(await second.exited()).toBe(0);
  });

  it("refuses a second serve on a data directory in use, lets keys rotate beside it, and frees it on a crash", async () => {
    const dataDir = tempDir();
    const owner = spawnIdpool(["serve", "--port", "0", "--data-dir", dataDir]);
    await owner.listening();
    const second = spawnIdpool(["serve", "--port", "0", "--data-dir", dataDir]);
    expect(await second.exited()).toBe(1);
    expect(second.stderr()).toContain(`idpool: --data-dir ${dataDir} is in use by another idpool serve or idpool dev;`);
    const rotate = spawnIdpool(["keys", "rotate", "--data-dir", dataDir]);
    expect(await rotate.exited()).toBe(0);
    // The claim is a lock the operating system drops with its process, however that ends.
    owner.child.kill("SIGKILL");
    await owner.exited();
    const next = spawnIdpool(["serve", "--port", "0", "--data-dir", dataDir]);
    await next.listening();
    next.child.kill("SIGTERM");
    expect(await next.exited()).toBe(0);
  });

  it("reads settings from the environment and lets a flag win", async () => {
    const run = spawnIdpool(["serve", "--port", "0"], { IDPOOL_PORT: "1", IDPOOL_DATA_DIR: tempDir() });
    const url = await run.listening();
    expect(url).not.toBe("http://127.0.0.1:1");
    run.child.kill("SIGTERM");
    expect(await run.exited()).toBe(0);
  });

  it("refuses a bad setting at start, naming it, with exit status 2", async () => {
    const run = spawnIdpool(["serve", "--data-dir", tempDir()], { IDPOOL_ACCOUNT_ID: "abc" });
    expect(await run.exited()).toBe(2);
    expect(run.stderr()).toContain(
      "idpool: configuration error: IDPOOL_ACCOUNT_ID: expected a 12-digit account id, got 'abc'",
    );
  });

  it("writes every access line before it stops on SIGTERM", async () => {
    const run = spawnIdpool(["serve", "--port", "0", "--data-dir", tempDir()]);
    const url = await run.listening();
    // More lines than one batch holds (app/logger.ts), the last of them still gathered at the signal.
    const paths = Array.from({ length: 300 }, (_, i) => `/healthz?n=${i}`);
    for (const path of paths) await fetch(`${url}${path}`);
    run.child.kill("SIGTERM");
    expect(await run.exited()).toBe(0);
    const accessLines = logLines(run.stdout()).filter((l) => l.msg === "request");
    expect(accessLines).toHaveLength(paths.length);
    expect(accessLines.every((l) => l.path === "/healthz" && l.status === 200)).toBe(true);
  });

  it("writes JSON log lines", async () => {
    const run = spawnIdpool(["serve", "--port", "0", "--data-dir", tempDir()], {
      IDPOOL_ROOT_ACCESS_KEY_ID: "AKIAEXAMPLEEXAMPLE00",
      IDPOOL_ROOT_SECRET_ACCESS_KEY: "secret-from-environment-0123456789",
    });
    const url = await run.listening();
    await fetch(`${url}/healthz`);
    run.child.kill("SIGTERM");
    await run.exited();
    const request = logLines(run.stdout()).find((l) => l.msg === "request");
    expect(request).toMatchObject({ method: "GET", path: "/healthz", status: 200 });
    expect(typeof request?.reqId).toBe("string");
    expect(run.stdout()).not.toContain("secret-from-environment");
  });
});
