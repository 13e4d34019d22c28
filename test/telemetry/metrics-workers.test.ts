import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CognitoIdentityClient, ListIdentityPoolsCommand } from "@aws-sdk/client-cognito-identity";
import { afterAll, describe, expect, it } from "vitest";
import { type SpawnedIdpool, spawnIdpool } from "../support/spawn-idpool.js";

interface Family {
  readonly name: string;
  readonly metrics: readonly { readonly labels?: Record<string, string>; readonly value?: string }[];
}
/** parse-prometheus-text-format: a CommonJS module without types. */
const parsePrometheus = createRequire(import.meta.url)("parse-prometheus-text-format") as (text: string) => Family[];

const ROOT = { accessKeyId: "AKIAMETRICSWORKERS0A", secretAccessKey: "metrics-workers-secret-0123456789abcd" };
const dirs: string[] = [];
const children: SpawnedIdpool[] = [];
afterAll(() => {
  for (const run of children) run.child.kill("SIGKILL");
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Runs `idpool serve ARGS` with metrics on any free port; resolves with both URLs once it listens. */
async function serve(args: readonly string[]): Promise<{ run: SpawnedIdpool; url: string; metricsUrl: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), "idpool-metrics-"));
  dirs.push(dataDir);
  const run = spawnIdpool(["serve", "--port", "0", "--data-dir", dataDir, ...args], {
    IDPOOL_ROOT_ACCESS_KEY_ID: ROOT.accessKeyId,
    IDPOOL_ROOT_SECRET_ACCESS_KEY: ROOT.secretAccessKey,
    IDPOOL_METRICS_PORT: "0",
  });
  children.push(run);
  const url = await run.listening();
  // Printed right after the listening line, possibly in a later chunk of output.
  for (let waitedMs = 0; !/^metrics on /m.test(run.stdout()) && waitedMs < 5_000; waitedMs += 20) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const metricsUrl = /^metrics on (http:\/\/\S+)$/m.exec(run.stdout())?.[1] ?? "";
  return { run, url, metricsUrl };
}

/** `times` calls, each from a new client and so a new connection: cluster spreads them over the workers. */
async function listPools(url: string, times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    const client = new CognitoIdentityClient({ endpoint: url, region: "us-east-1", credentials: ROOT, maxAttempts: 1 });
    await client.send(new ListIdentityPoolsCommand({ MaxResults: 5 }));
    client.destroy();
  }
}

/**
 * The sum over every sample of `name` with `operation`. Histograms are read as their plain
 * `_count` series: the parser folds a labelled histogram into one sample (its `flattenMetrics`).
 */
async function countOf(metricsUrl: string, name: string, operation: string): Promise<number> {
  const response = await fetch(metricsUrl);
  expect(response.status).toBe(200);
  const text = (await response.text()).replace(/^# TYPE (\S+) histogram$/gm, "# TYPE $1 untyped");
  const matching = parsePrometheus(text)
    .filter((m) => m.name === name)
    .flatMap((m) => m.metrics)
    .filter((s) => s.labels?.operation === operation);
  return matching.reduce((sum, s) => sum + Number(s.value), 0);
}

describe("idpool serve --metrics-port", () => {
  it("prints the metrics URL with its real port and serves the scrape", async () => {
    const { run, url, metricsUrl } = await serve([]);
    expect(metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect(metricsUrl).not.toContain(":0/");
    await listPools(url, 3);
    expect(await countOf(metricsUrl, "idpool_requests_total", "ListIdentityPools")).toBe(3);
    run.child.kill("SIGTERM");
    expect(await run.exited()).toBe(0);
  }, 60_000);

  it("with --workers 2, one scrape of the primary covers every worker", async () => {
    const { run, url, metricsUrl } = await serve(["--workers", "2"]);
    expect(run.stdout().match(/^metrics on /gm)).toHaveLength(1);
    // Round robin hands each worker 10 of the 20 new connections: one worker's registry alone says 10.
    await listPools(url, 20);
    expect(await countOf(metricsUrl, "idpool_requests_total", "ListIdentityPools")).toBe(20);
    expect(await countOf(metricsUrl, "idpool_request_duration_seconds_count", "ListIdentityPools")).toBe(20);
    run.child.kill("SIGTERM");
    expect(await run.exited()).toBe(0);
  }, 60_000);
});
