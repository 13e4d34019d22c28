import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { OPERATIONS } from "../../bench/options.js";
import type { BenchReport } from "../../bench/report.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const resultsDir = mkdtempSync(join(tmpdir(), "idpool-bench-smoke-"));
afterAll(() => rmSync(resultsDir, { recursive: true, force: true }));

/**
 * A short run of the real harness (`npm run bench` with tiny settings), so it cannot rot. Not a
 * benchmark: it proves every operation is driven, answered with 2xx, and reported.
 */
describe("npm run bench (smoke)", () => {
  it("measures every operation with no errors and writes the tables", async () => {
    const args = ["--import", "tsx", "bench/run.ts", "--identities", "30", "--rotation", "10"];
    args.push("--duration", "1", "--warmup", "0.3", "--connections", "4", "--results-dir", resultsDir);
    const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: ROOT, timeout: 150_000 });
    const report = JSON.parse(readFileSync(join(resultsDir, "latest.json"), "utf8")) as BenchReport;
    expect(report.operations.map((o) => o.operation)).toEqual([...OPERATIONS]);
    for (const op of report.operations) {
      expect(op.rps, op.operation).toBeGreaterThan(0);
      expect(op.errors, op.operation).toBe(0);
      expect(op.non2xx, op.operation).toBe(0);
      expect(op.peakRssBytes, op.operation).toBeGreaterThan(0);
      expect(op.ratio, op.operation).toBeGreaterThan(0);
    }
    expect(report.ceilings?.httpFloor.rps).toBeGreaterThan(0);
    expect(report.ceilings?.rs512SignPerSecond).toBeGreaterThan(0);
    const table = readFileSync(join(resultsDir, "latest.md"), "utf8");
    for (const name of OPERATIONS) expect(table).toContain(`| ${name} |`);
    expect(stdout).toContain("| GetCallerIdentity |");
  }, 180_000);
});
