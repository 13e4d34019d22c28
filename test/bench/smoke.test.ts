import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, inject, it } from "vitest";
import { median } from "../../bench/median.js";
import { OPERATIONS } from "../../bench/options.js";
import type { BenchReport } from "../../bench/report.js";
import { TRIOS } from "../../bench/telemetry-cost.js";
import { freshDatabase } from "../support/postgres.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const resultsDir = mkdtempSync(join(tmpdir(), "idpool-bench-smoke-"));
afterAll(() => rmSync(resultsDir, { recursive: true, force: true }));
const postgres = inject("postgres");

/**
 * A short run of the real harness (`npm run bench` with tiny settings), so it cannot rot. Not a
 * benchmark: it proves every operation is driven, answered with 2xx, and reported, on SQLite and,
 * when the run has a PostgreSQL server (always in CI), on PostgreSQL in the same run.
 */
describe("npm run bench (smoke)", () => {
  it("measures every operation with no errors and writes the tables", async () => {
    const args = ["--import", "tsx", "bench/run.ts", "--identities", "30", "--rotation", "10"];
    args.push("--duration", "1", "--warmup", "0.3", "--connections", "4", "--results-dir", resultsDir);
    const stores = postgres.available ? ["sqlite", "postgresql"] : ["sqlite"];
    args.push("--stores", stores.join(","));
    if (postgres.available) args.push("--database-url", await freshDatabase(postgres.url, "idpool_bench_smoke"));
    const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: ROOT, timeout: 150_000 });
    const report = JSON.parse(readFileSync(join(resultsDir, "latest.json"), "utf8")) as BenchReport;
    expect(report.operations.map((o) => `${o.operation} ${o.store}`)).toEqual(
      OPERATIONS.flatMap((op) => stores.map((store) => `${op} ${store}`)),
    );
    for (const op of report.operations) {
      expect(op.rps, op.operation).toBeGreaterThan(0);
      expect(op.errors, op.operation).toBe(0);
      expect(op.non2xx, op.operation).toBe(0);
      expect(op.peakRssBytes, op.operation).toBeGreaterThan(0);
      expect(op.ratio, op.operation).toBeGreaterThan(0);
      // Measured again at once with its ceiling: the floor's server, or RS512 signatures (floor-at-once.ts).
      expect(op.atOnce?.cpuRatio, op.operation).toBeGreaterThan(0);
      expect(op.atOnce?.floorCpuMicros, op.operation).toBeGreaterThan(0);
      expect(op.atOnce?.failed, op.operation).toBe(0);
    }
    expect(report.ceilings?.httpFloor.rps).toBeGreaterThan(0);
    expect(report.ceilings?.rs512SignPerSecond).toBeGreaterThan(0);
    const table = readFileSync(join(resultsDir, "latest.md"), "utf8");
    for (const name of OPERATIONS) expect(table).toContain(`| ${name} |`);
    expect(table).toMatch(/\| HTTP floor \| [\d.]+% \| [\d.]+% \([\d,]+ \/ [\d,]+ µs\) \|/);
    expect(table).toMatch(/\| RS512 sign \| [\d.]+% \| [\d.]+% \([\d,]+ \/ [\d,]+ µs\) \|/);
    expect(table).toContain("At once: each row was measured again with its ceiling at the same time");
    expect(stdout).toContain("| GetCallerIdentity | sqlite |");
    if (postgres.available) {
      expect(report.comparison?.map((c) => c.operation)).toEqual([...OPERATIONS]);
      const credentials = report.comparison?.find((c) => c.operation === "GetCredentialsForIdentity");
      expect(credentials?.target).toBe(0.7);
      expect(credentials?.ratio).toBeCloseTo((credentials?.postgresqlRps ?? 0) / (credentials?.sqliteRps ?? 1), 9);
      expect(table).toContain("| GetCredentialsForIdentity | postgresql |");
      expect(table).toMatch(/\| GetCredentialsForIdentity \| [\d,]+ \| [\d,]+ \| [\d.]+% \| (met|missed) \(≥ 70%\) \|/);
    } else {
      expect(report.comparison).toBeUndefined();
    }
  }, 180_000);

  it("compares telemetry off, on and an A/A twin measured at once, in three windows", async () => {
    const dir = mkdtempSync(join(tmpdir(), "idpool-bench-telemetry-"));
    try {
      const args = ["--import", "tsx", "bench/run.ts", "--identities", "30", "--rotation", "10", "--only", "GCFI"];
      args.push("--duration", "1", "--warmup", "0.3", "--connections", "6", "--skip-ceilings");
      args.push("--metrics", "--audit", "--results-dir", dir);
      const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: ROOT, timeout: 150_000 });
      const report = JSON.parse(readFileSync(join(dir, "latest.json"), "utf8")) as BenchReport;
      const [row] = report.telemetry ?? [];
      expect(row).toMatchObject({ operation: "GetCredentialsForIdentity", store: "sqlite", failed: 0, target: 0.95 });
      // Three windows at once, each with its own twin; the figures are their medians.
      expect(row?.trios).toHaveLength(TRIOS);
      for (const w of row?.trios ?? [])
        for (const rps of [w.offRps, w.onRps, w.twinRps]) expect(rps).toBeGreaterThan(0);
      const trios = row?.trios ?? [];
      expect(row?.ratio).toBeCloseTo(median(trios.map((w) => w.onRps / w.offRps)), 9);
      expect(row?.control).toBeCloseTo(median(trios.map((w) => w.twinRps / w.offRps)), 9);
      expect(row?.offRps).toBeCloseTo(median(trios.map((w) => w.offRps)), 9);
      // Judged by CPU per request: off's and the twin's mean over on's, with off's over the twin's as the control.
      const cpu = (w: (typeof trios)[number]) => (w.offCpuMicros + w.twinCpuMicros) / 2 / w.onCpuMicros;
      expect(row?.cpuRatio).toBeCloseTo(median(trios.map(cpu)), 9);
      expect(row?.cpuControl).toBeCloseTo(median(trios.map((w) => w.offCpuMicros / w.twinCpuMicros)), 9);
      expect(stdout).toMatch(
        /\| GetCredentialsForIdentity \| sqlite \| [\d,]+ \/ [\d,]+ \/ [\d,]+ \| [\d.]+% \| [\d.]+% \| [\d.]+%, [\d.]+%(; [\d.]+%, [\d.]+%){2} \| [\d,]+ \/ [\d,]+ \/ [\d,]+ \| [\d.]+%, [\d.]+% \|.* \| (met|missed|inconclusive) \(/,
      );
      // The table of the server measured alone has no telemetry rows: the comparison has its own.
      expect(report.operations.map((o) => o.operation)).toEqual(["GetCredentialsForIdentity"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
