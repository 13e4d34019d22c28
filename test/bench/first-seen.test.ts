import { execFile } from "node:child_process";
import { accessSync, constants, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { FIRST_SEEN_OPERATIONS } from "../../bench/first-seen.js";
import type { BenchReport } from "../../bench/report.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const resultsDir = mkdtempSync(join(tmpdir(), "idpool-bench-first-seen-"));
afterAll(() => rmSync(resultsDir, { recursive: true, force: true }));

const tasksetOnPath = (process.env.PATH ?? "").split(delimiter).some((dir) => {
  try {
    accessSync(join(dir, "taskset"), constants.X_OK);
    return true;
  } catch {
    return false;
  }
});
const cpusAllowed = /^Cpus_allowed_list:\s*(\S+)/m.exec(readFileSync("/proc/self/status", "utf8"))?.[1] ?? "";
const canPin = tasksetOnPath && /[,-]/.test(cpusAllowed);

/**
 * A short `npm run bench -- --first-seen` (not a benchmark): each of the three operations is
 * measured with repeated tokens and, beside it, with a new token on every request, all answered
 * with 2xx, none run out, against the HTTP + RS256 ceiling measured in the same run; the report
 * says where the server and the load generator ran.
 */
describe("npm run bench -- --first-seen (smoke)", () => {
  it("measures the first-seen rows beside the repeated ones, with their own ceiling", async () => {
    const args = ["--import", "tsx", "bench/run.ts", "--identities", "30", "--rotation", "10", "--first-seen"];
    args.push("--only", "GetId,GCFI,STS", "--duration", "1", "--warmup", "0.3", "--connections", "4");
    args.push("--results-dir", resultsDir);
    await promisify(execFile)(process.execPath, args, { cwd: ROOT, timeout: 150_000 });
    const report = JSON.parse(readFileSync(join(resultsDir, "latest.json"), "utf8")) as BenchReport;
    expect(report.operations.map((o) => `${o.operation} ${o.tokens}`)).toEqual(
      FIRST_SEEN_OPERATIONS.flatMap((op) => [`${op} repeated`, `${op} first-seen`]),
    );
    for (const op of report.operations) {
      const name = `${op.operation} ${op.tokens}`;
      expect(op.rps, name).toBeGreaterThan(0);
      expect(op.errors + op.non2xx, name).toBe(0);
      expect(op.ratio, name).toBeGreaterThan(0);
      if (op.tokens === "repeated") continue;
      expect(op.ceiling, name).toBe("HTTP + RS256");
      const f = op.firstSeen;
      expect(f?.ranOut, name).toBe(false);
      expect(f?.sent, name).toBeGreaterThan(0);
      expect(f?.sent ?? 0, name).toBeLessThanOrEqual(f?.measured ?? 0);
      // Warm-up, window, the at-once window's and the token of the answer checked first: no token is sent twice.
      expect(f?.atOnce, name).toBeGreaterThan(0);
      expect(f?.minted, name).toBe((f?.warmup ?? 0) + (f?.measured ?? 0) + (f?.atOnce ?? 0) + 1);
      // Measured again at once with the HTTP + RS256 floor, which answers 400 to a token that does not verify.
      expect(op.atOnce?.cpuRatio, name).toBeGreaterThan(0);
      expect(op.atOnce?.failed, name).toBe(0);
      expect(f?.mintSeconds, name).toBeGreaterThan(0);
    }
    expect(report.ceilings?.httpRs256?.rps).toBeGreaterThan(0);
    expect(report.ceilings?.httpRs256?.non2xx).toBe(0);
    expect(report.settings.firstSeen).toBe(true);
    expect(report.placement.mode).toBe(canPin ? "taskset" : "unpinned");
    const table = readFileSync(join(resultsDir, "latest.md"), "utf8");
    expect(table).toContain(report.placement.description);
    expect(table).toContain("| GetId | sqlite | first-seen |");
    expect(table).toContain("| HTTP + RS256 (the floor verifying each request's token");
    expect(table).toMatch(/tokens minted for the run's users in [\d.]+ s/);
  }, 180_000);
});
