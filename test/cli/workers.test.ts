import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CognitoIdentityClient,
  CreateIdentityPoolCommand,
  DescribeIdentityPoolCommand,
  UpdateIdentityPoolCommand,
} from "@aws-sdk/client-cognito-identity";
import { afterAll, describe, expect, it } from "vitest";
import { spawnIdpool } from "../support/spawn-idpool.js";

const ROOT = { accessKeyId: "AKIAWORKERSTEST00000A", secretAccessKey: "workers-test-secret-0123456789abcdef" };
const dirs: string[] = [];
const children: { kill(signal: NodeJS.Signals): boolean }[] = [];
afterAll(() => {
  // A failed assertion must not leave a cluster running.
  for (const child of children) child.kill("SIGKILL");
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Node processes whose parent is `pid` (the cluster's workers; tsx's esbuild service is not node). */
function nodeChildren(pid: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8");
      if (ppid === pid && cmdline.includes("main.ts")) found.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

/** Alive and not a zombie waiting to be reaped. */
function running(pid: number): boolean {
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, "utf8"));
  } catch {
    return false;
  }
}

/** A new client per call: a new connection, so cluster's round robin spreads calls over the workers. */
async function describeFromFreshConnections(url: string, poolId: string, times: number): Promise<string[]> {
  const names: string[] = [];
  for (let i = 0; i < times; i++) {
    const client = new CognitoIdentityClient({ endpoint: url, region: "us-east-1", credentials: ROOT, maxAttempts: 1 });
    const out = await client.send(new DescribeIdentityPoolCommand({ IdentityPoolId: poolId }));
    names.push(out.IdentityPoolName ?? "");
    client.destroy();
  }
  return names;
}

describe("idpool serve --workers", () => {
  it("serves one port from several processes that see each other's admin changes, and stops them all", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "idpool-workers-"));
    dirs.push(dataDir);
    const run = spawnIdpool(["serve", "--workers", "2", "--port", "0", "--data-dir", dataDir], {
      IDPOOL_ROOT_ACCESS_KEY_ID: ROOT.accessKeyId,
      IDPOOL_ROOT_SECRET_ACCESS_KEY: ROOT.secretAccessKey,
    });
    children.push(run.child);
    const url = await run.listening();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(url).not.toBe("http://127.0.0.1:0");
    const workers = nodeChildren(run.child.pid ?? 0);
    expect(workers).toHaveLength(2);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);

    const admin = new CognitoIdentityClient({ endpoint: url, region: "us-east-1", credentials: ROOT, maxAttempts: 1 });
    const pool = await admin.send(
      new CreateIdentityPoolCommand({ IdentityPoolName: "Before", AllowUnauthenticatedIdentities: true }),
    );
    const poolId = pool.IdentityPoolId ?? "";
    // Created through one worker, read through both; this also fills both workers' caches.
    expect(await describeFromFreshConnections(url, poolId, 20)).toEqual(Array(20).fill("Before"));
    await admin.send(
      new UpdateIdentityPoolCommand({
        IdentityPoolId: poolId,
        IdentityPoolName: "After",
        AllowUnauthenticatedIdentities: true,
      }),
    );
    // The worker that did not make the change must not answer from its stale cache.
    expect(await describeFromFreshConnections(url, poolId, 20)).toEqual(Array(20).fill("After"));
    admin.destroy();

    // The cluster holds the data directory: a single-process serve would cache identities beside it.
    const single = spawnIdpool(["serve", "--port", "0", "--data-dir", dataDir]);
    expect(await single.exited()).toBe(1);
    expect(single.stderr()).toContain("is in use by another idpool serve or idpool dev");

    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(run.stdout().match(/listening on/g)).toHaveLength(1);
    run.child.kill("SIGTERM");
    expect(await run.exited()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(workers.filter(running)).toEqual([]);
  }, 60_000);

  it("refuses a bad worker count, naming the setting", async () => {
    const run = spawnIdpool(["serve", "--port", "0", "--data-dir", tmpdir()], { IDPOOL_WORKERS: "none" });
    expect(await run.exited()).toBe(2);
    expect(run.stderr()).toContain("IDPOOL_WORKERS: expected auto or a whole number from 1 to 256, got 'none'");
  });
});
