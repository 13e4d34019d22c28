/** The benchmark's report as Markdown (the tables of README: Performance), and its files. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { FloorResult } from "./ceilings.js";
import { GATEWAY_CPU_TARGET } from "./comparisons.js";
import { type BenchReport, ceilingOf, type OperationResult, P99_TARGET_MS } from "./report.js";
import { CONTROL_TOLERANCE, type TelemetryComparison } from "./telemetry-cost.js";

const num = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits });
const mb = (bytes: number) => num(bytes / 1048576);
const pct = (ratio: number | undefined) => (ratio === undefined ? "–" : `${num(ratio * 100, 1)}%`);

/**
 * The telemetry target column, judged by CPU per request: met or missed, or inconclusive when the
 * A/A control (the twin against off, by CPU) says the run cannot tell.
 */
export function telemetryVerdict(t: Pick<TelemetryComparison, "cpuRatio" | "cpuControl" | "target">): string {
  if (t.target === undefined) return "–";
  const target = `≥ ${pct(t.target)}`;
  if (Math.abs(t.cpuControl - 1) > CONTROL_TOLERANCE) {
    return `inconclusive (${target}; twin/off by CPU outside ${pct(1 - CONTROL_TOLERANCE)}–${pct(1 + CONTROL_TOLERANCE)})`;
  }
  return `${t.cpuRatio >= t.target ? "met" : "missed"} (${target})`;
}

/** A row's target column: what it misses of its ratio target (alone and at once), p99, errors and tokens. */
export function rowVerdict(r: OperationResult, ratio: number | undefined): string {
  const target = ceilingOf(r).target;
  const p99 = r.p99Ms;
  const errors = r.errors + r.non2xx;
  const misses: string[] = [];
  // Met only if both are: the ratio alone as the targets are written, and at once (floor-at-once.ts).
  if (target !== undefined && ratio !== undefined && ratio < target) misses.push(`ratio < ${target * 100}%`);
  if (target !== undefined && r.atOnce && r.atOnce.cpuRatio < target) misses.push(`at once < ${target * 100}%`);
  if (p99 > P99_TARGET_MS) misses.push(`p99 > ${P99_TARGET_MS} ms`);
  if (errors > 0) misses.push("errors");
  if (r.firstSeen?.ranOut) misses.push("ran out of tokens");
  return misses.length === 0 ? "met" : misses.join(", ");
}

const atOnceCell = (r: OperationResult) =>
  r.atOnce
    ? `${pct(r.atOnce.cpuRatio)} (${num(r.atOnce.operationCpuMicros)} / ${num(r.atOnce.floorCpuMicros)} µs)`
    : "–";

/** What the at-once column means, under the table of a run that has it. */
function atOnceLines(report: BenchReport): string[] {
  const each = report.operations.find((r) => r.atOnce)?.atOnce;
  if (!each) return [];
  const failed = report.operations.reduce((n, r) => n + (r.atOnce?.failed ?? 0), 0);
  return [
    "",
    `At once: each row was measured again with its ceiling at the same time on the server's CPUs (the HTTP floor's or HTTP + RS256's server, or RS512 signatures with as many in flight), ` +
      `${each.connectionsEach} connections each (first-seen rows on tokens of their own); the ceiling's CPU per request or signature over the operation's (operation / ceiling µs), ` +
      `the share of the ceiling's rate the operation reaches on the same CPU, both taking the host's speed of the same seconds; a ratio target is met when both ratios meet it; ` +
      `${failed} failed.`,
  ];
}

export function toMarkdown(report: BenchReport): string {
  const s = report.settings;
  const lines = [
    `### ${s.workers} worker${s.workers === 1 ? "" : "s"}, ${num(s.identities)} identities (${s.stores.join(" and ")})`,
    "",
    `${report.startedAt} · ${report.machine.cpus} × ${report.machine.cpuModel} · Node ${report.machine.node} · ` +
      `load average ${num(report.machine.loadAverageAtStart, 2)} at start · ` +
      (report.machine.stealDuringRun === undefined
        ? ""
        : `steal ${num(report.machine.stealDuringRun * 100, 1)}% of CPU time during the run · `) +
      `${s.connections} connections · ${s.durationSeconds} s after ${s.warmupSeconds} s warm-up · ` +
      `rotation of ${num(s.rotation)} tokens/requests · ${report.placement.description}`,
    "",
    ...report.storeNotes.map((note) => `- ${note}`),
    "",
    "| operation | store | tokens | req/s | p50 ms | p99 ms | errors | non-2xx | server CPU µs/req | load gen. cores | peak RSS MB | vs | ratio | at once: CPU ratio | target |",
    "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | --- |",
  ];
  for (const r of report.operations) {
    lines.push(
      `| ${r.operation} | ${r.store} | ${r.tokens} | ${num(r.rps)} | ${num(r.p50Ms, 1)} | ${num(r.p99Ms, 1)} | ${r.errors} | ${r.non2xx} | ` +
        `${num(r.serverCpuMicrosPerRequest)} | ${num(r.loadGeneratorCores, 2)} | ${mb(r.peakRssBytes)} | ${r.ceiling} | ${pct(r.ratio)} | ` +
        `${atOnceCell(r)} | ${rowVerdict(r, r.ratio)} |`,
    );
  }
  lines.push(...atOnceLines(report), ...firstSeenLines(report));
  if (report.comparison) {
    lines.push(
      "",
      "| operation | sqlite req/s | postgresql req/s | postgresql / sqlite | target |",
      "| --- | ---: | ---: | ---: | --- |",
    );
    for (const c of report.comparison) {
      const target = c.target === undefined ? "–" : `${c.ratio >= c.target ? "met" : "missed"} (≥ ${pct(c.target)})`;
      lines.push(`| ${c.operation} | ${num(c.sqliteRps)} | ${num(c.postgresqlRps)} | ${pct(c.ratio)} | ${target} |`);
    }
  }
  if (report.telemetry) {
    const what = [s.telemetry.metrics ? "metrics" : "", s.telemetry.audit ? "audit trail" : ""].filter(Boolean);
    const each = report.telemetry[0]?.connectionsEach ?? 0;
    lines.push(
      "",
      `Telemetry's cost: three servers over the same store at the same time on the server's CPUs, ${each} connections each: ` +
        `without telemetry (off), with ${what.join(" and ")} (on), and without again (twin: the A/A control, the method's noise); ` +
        `${report.telemetry[0]?.trios.length ?? 0} windows, the medians of which are the figures. ` +
        "Judged by CPU per request (off's and the twin's mean over on's: the throughput on keeps on a core of its own); " +
        "the rates are the scheduler's shares as much as telemetry's cost.",
      "",
      "| operation | store | CPU µs/req off / on / twin | by CPU: on keeps | by CPU: twin / off | each window by CPU: on keeps, twin / off | req/s off / on / twin | by rate: on / off, twin / off | p99 ms | failed | target |",
      "| --- | --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | --- |",
    );
    for (const t of report.telemetry) {
      const target = telemetryVerdict(t);
      const windows = t.trios.map((w) => `${pct(w.cpuRatio)}, ${pct(w.cpuControl)}`).join("; ");
      const three = (a: number, b: number, c: number) => `${num(a)} / ${num(b)} / ${num(c)}`;
      lines.push(
        `| ${t.operation} | ${t.store} | ${three(t.offCpuMicros, t.onCpuMicros, t.twinCpuMicros)} | ${pct(t.cpuRatio)} | ` +
          `${pct(t.cpuControl)} | ${windows} | ${three(t.offRps, t.onRps, t.twinRps)} | ${pct(t.ratio)}, ${pct(t.control)} | ` +
          `${num(t.p99Ms, 1)} | ${t.failed} | ${target} |`,
      );
    }
  }
  if (report.gateway) {
    lines.push(
      "",
      "| route | store | req/s | p50 ms | p99 ms | errors | non-2xx | CPU µs/req (process measured) | vs GetCallerIdentity | target |",
      "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    );
    for (const g of report.gateway) {
      const d = g.direct;
      const t = g.gateway;
      const target =
        g.cpuRatio === undefined
          ? "–"
          : `${g.cpuRatio <= GATEWAY_CPU_TARGET ? "met" : "missed"} (≤ ${GATEWAY_CPU_TARGET}×)`;
      lines.push(
        `| straight to the upstream | ${g.store} | ${num(d.rps)} | ${num(d.p50Ms, 1)} | ${num(d.p99Ms, 1)} | ${d.errors} | ${d.non2xx} | ${num(d.cpuMicrosPerRequest)} (upstream) | | |`,
        `| through idpool gateway | ${g.store} | ${num(t.rps)} | ${num(t.p50Ms, 1)} | ${num(t.p99Ms, 1)} | ${t.errors} | ${t.non2xx} | ${num(t.cpuMicrosPerRequest)} (gateway) | ` +
          `${g.cpuRatio === undefined ? "–" : `${num(g.cpuRatio, 2)}× of ${num(g.callerIdentityCpuMicros ?? 0)}`} | ${target} |`,
      );
    }
  }
  const c = report.ceilings;
  const processes = `${s.workers} process${s.workers === 1 ? "" : "es"}`;
  if (c) {
    lines.push(
      "",
      "| ceiling (same machine, same placement) | per second | p50 ms | p99 ms | server CPU µs/req | load gen. cores |",
      "| --- | ---: | ---: | ---: | ---: | ---: |",
      floorRow(`HTTP floor (node:http, fixed JSON, ${processes})`, c.httpFloor),
      ...(c.httpRs256
        ? [floorRow(`HTTP + RS256 (the floor verifying each request's token, node:crypto, ${processes})`, c.httpRs256)]
        : []),
      `| RS256 verify (node:crypto, ${s.connections} in flight) | ${num(c.rs256VerifyPerSecond)} | | | | |`,
      `| RS512 sign (node:crypto on the thread pool, ${s.connections} in flight) | ${num(c.rs512SignPerSecond)} | | | | |`,
    );
  }
  return `${lines.join("\n")}\n`;
}

function floorRow(label: string, f: FloorResult): string {
  return (
    `| ${label} | ${num(f.rps)} | ${num(f.p50Ms, 1)} | ${num(f.p99Ms, 1)} | ` +
    `${num(f.serverCpuMicrosPerRequest)} | ${num(f.loadGeneratorCores, 2)} |`
  );
}

/** How the first-seen rows' tokens were made and used, under the operations table. */
function firstSeenLines(report: BenchReport): string[] {
  const rows = report.operations.filter((r) => r.firstSeen !== undefined);
  const first = rows[0]?.firstSeen;
  if (!first) return [];
  const lines = [
    "",
    `First-seen rows: every request carries ${first.token}; ${num(first.minted)} tokens minted for the ` +
      `run's users in ${num(first.mintSeconds, 1)} s (${num(first.minted / first.mintSeconds)}/s) before the first ` +
      "of these rows, shared by them, each row on a new server process (nothing remembered of any token)." +
      (rows.some((r) => r.operation === "AssumeRoleWithWebIdentity")
        ? " AssumeRoleWithWebIdentity first-seen assumes a role trusting the provider with them; the repeated " +
          "one assumes the pool's role with idpool's own OpenID tokens (RS512)."
        : ""),
    "",
    "| operation | store | warm-up tokens | window tokens | sent in the window | window s | ran out |",
    "| --- | --- | ---: | ---: | ---: | ---: | --- |",
  ];
  for (const r of rows) {
    const f = r.firstSeen;
    if (!f) continue;
    lines.push(
      `| ${r.operation} | ${r.store} | ${num(f.warmup)} | ${num(f.measured)} | ${num(f.sent)} | ` +
        `${num(r.windowSeconds, 1)} | ${f.ranOut ? "yes: the window is shorter" : "no"} |`,
    );
  }
  return lines;
}

/** `<dir>/<timestamp>.md|json` plus `latest.md|json`. Returns the Markdown path. */
export function writeReport(report: BenchReport, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const stamp = report.startedAt.replace(/[:.]/g, "-");
  const markdown = toMarkdown(report);
  const json = `${JSON.stringify(report, null, 2)}\n`;
  for (const name of [stamp, "latest"]) {
    writeFileSync(join(dir, `${name}.md`), markdown);
    writeFileSync(join(dir, `${name}.json`), json);
  }
  return join(dir, `${stamp}.md`);
}
