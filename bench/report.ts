import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import type { Ceilings, FloorResult } from "./ceilings.js";
import type { GatewayResult } from "./gateway.js";
import type { LoadResult } from "./load.js";
import type { BenchOptions, OperationName, StoreName } from "./options.js";
import type { Placement } from "./placement.js";
import { CONTROL_TOLERANCE, type TelemetryComparison } from "./telemetry-cost.js";

export interface OperationResult extends LoadResult {
  readonly operation: OperationName;
  readonly store: StoreName;
  /** Peak RSS of the server's processes during the measured run. */
  readonly peakRssBytes: number;
  readonly peakRssPerProcessBytes: readonly number[];
  /**
   * Server CPU time (all processes, all threads) per 2xx response, in microseconds. Unlike req/s it
   * barely moves when other work shares the machine, so it is the number to compare between runs.
   */
  readonly serverCpuMicrosPerRequest: number;
  /**
   * "repeated": the rotation of pre-issued tokens, which the server has verified before after the
   * first round; "first-seen": a token never sent before on every request (--first-seen).
   */
  readonly tokens: "repeated" | "first-seen";
  /** The tokens of a first-seen row. */
  readonly firstSeen?: FirstSeenRun;
}

/** How a first-seen row's tokens were made and used. */
export interface FirstSeenRun {
  /** What each request carries. */
  readonly token: string;
  /** Tokens minted for the run, shared by the first-seen rows (each on a new server process). */
  readonly minted: number;
  /** How long minting them took, before any first-seen row was measured. */
  readonly mintSeconds: number;
  /** Tokens given to the warm-up and to the measured window. */
  readonly warmup: number;
  readonly measured: number;
  /** Tokens sent in the measured window. */
  readonly sent: number;
  /** Every token of the window was sent before its duration was up: the window is shorter. */
  readonly ranOut: boolean;
}

type CeilingName = "HTTP floor" | "RS512 sign" | "HTTP + RS256";
/** What each operation is compared with, and its target ratio (README, Performance). */
const CEILING: Record<OperationName, { name: CeilingName; target: number | undefined }> = {
  GetId: { name: "HTTP floor", target: 0.5 },
  GetCredentialsForIdentity: { name: "HTTP floor", target: 0.4 },
  GetOpenIdToken: { name: "RS512 sign", target: 0.7 },
  AssumeRoleWithWebIdentity: { name: "HTTP floor", target: undefined },
  GetCallerIdentity: { name: "HTTP floor", target: undefined },
};
/** First-seen rows: one HTTP request plus one RS256 verification is the least each can cost. */
const FIRST_SEEN_CEILING: Partial<Record<OperationName, { name: CeilingName; target: number | undefined }>> = {
  GetId: { name: "HTTP + RS256", target: 0.6 },
  GetCredentialsForIdentity: { name: "HTTP + RS256", target: 0.45 },
  AssumeRoleWithWebIdentity: { name: "HTTP + RS256", target: undefined },
};
const ceilingOf = (r: Pick<OperationResult, "operation" | "tokens">) =>
  (r.tokens === "first-seen" ? FIRST_SEEN_CEILING[r.operation] : undefined) ?? CEILING[r.operation];

function ceilingRate(name: CeilingName, ceilings: Ceilings | undefined): number | undefined {
  if (name === "HTTP floor") return ceilings?.httpFloor.rps;
  if (name === "HTTP + RS256") return ceilings?.httpRs256?.rps;
  return ceilings?.rs512SignPerSecond;
}
export const P99_TARGET_MS = 10;
/** PostgreSQL's share of SQLite's throughput that the project targets, per operation. */
const POSTGRES_TARGET: Partial<Record<OperationName, number>> = { GetCredentialsForIdentity: 0.7 };

/** One operation measured on both stores in the same run. */
export interface StoreComparison {
  readonly operation: OperationName;
  readonly sqliteRps: number;
  readonly postgresqlRps: number;
  /** PostgreSQL's req/s over SQLite's. */
  readonly ratio: number;
  readonly target: number | undefined;
}

export interface BenchReport {
  readonly startedAt: string;
  readonly machine: {
    readonly cpus: number;
    readonly cpuModel: string;
    readonly node: string;
    /** 1-minute load average when the run started: other work on the machine skews every number. */
    readonly loadAverageAtStart: number;
    /** The share of CPU time the VM's host took while the run measured (steal.ts); absent off Linux. */
    readonly stealDuringRun?: number;
  };
  /** Which CPUs the server's processes and the load generator ran on. */
  readonly placement: Placement;
  readonly settings: Omit<BenchOptions, "resultsDir" | "cpuProfDir" | "databaseUrl" | "build">;
  /** How each store was provided (a new SQLite file; a given or throwaway PostgreSQL). */
  readonly storeNotes: readonly string[];
  /** Summed over the stores; each store's own time is in its note. */
  readonly identityLoadMs: number;
  readonly operations: readonly (OperationResult & { readonly ceiling: string; readonly ratio: number | undefined })[];
  readonly ceilings: Ceilings | undefined;
  /** Present when the run measured both stores. */
  readonly comparison: readonly StoreComparison[] | undefined;
  /** Present when the run measured telemetry on against off (--metrics, --audit). */
  readonly telemetry: readonly TelemetryComparison[] | undefined;
  /** Present when the run measured the gateway (--only Gateway, or the default run). */
  readonly gateway: readonly GatewayComparison[] | undefined;
}

/** Operation by operation in the order measured; each operation's first-seen rows after its repeated ones. */
function besideRepeated(results: readonly OperationResult[]): OperationResult[] {
  const operations = [...new Set(results.map((r) => r.operation))];
  return operations.flatMap((op) => [
    ...results.filter((r) => r.operation === op && r.tokens === "repeated"),
    ...results.filter((r) => r.operation === op && r.tokens === "first-seen"),
  ]);
}

export function buildReport(
  options: BenchOptions,
  placement: Placement,
  startedAt: Date,
  machineState: { readonly loadAverageAtStart: number; readonly stealDuringRun: number | undefined },
  identityLoadMs: number,
  storeNotes: readonly string[],
  results: readonly OperationResult[],
  ceilings: Ceilings | undefined,
  gatewayResults: readonly GatewayResult[] = [],
  telemetry: readonly TelemetryComparison[] = [],
): BenchReport {
  const { resultsDir: _r, cpuProfDir: _c, databaseUrl: _d, build: _b, ...settings } = options;
  const repeated = results.filter((r) => r.tokens === "repeated");
  return {
    startedAt: startedAt.toISOString(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? "unknown",
      node: process.version,
      loadAverageAtStart: machineState.loadAverageAtStart,
      ...(machineState.stealDuringRun === undefined ? {} : { stealDuringRun: machineState.stealDuringRun }),
    },
    placement,
    settings,
    storeNotes,
    identityLoadMs,
    operations: besideRepeated(results).map((r) => {
      const ceiling = ceilingOf(r).name;
      const base = ceilingRate(ceiling, ceilings);
      return { ...r, ceiling, ratio: base ? r.rps / base : undefined };
    }),
    ceilings,
    comparison: compareStores(repeated),
    telemetry: telemetry.length > 0 ? telemetry : undefined,
    gateway: compareGateway(repeated, gatewayResults),
  };
}

/** The gateway's CPU per request is at most twice GetCallerIdentity's (README, Performance). */
const GATEWAY_CPU_TARGET = 2;

/** Through the gateway against straight to the upstream, and the gateway's cost against GetCallerIdentity's. */
export interface GatewayComparison {
  readonly store: StoreName;
  readonly direct: GatewayResult;
  readonly gateway: GatewayResult;
  readonly callerIdentityCpuMicros: number | undefined;
  /** The gateway's CPU per request over GetCallerIdentity's server CPU per request. */
  readonly cpuRatio: number | undefined;
}

function compareGateway(
  results: readonly OperationResult[],
  gatewayResults: readonly GatewayResult[],
): GatewayComparison[] | undefined {
  const compared: GatewayComparison[] = [];
  for (const gateway of gatewayResults.filter((r) => r.route === "gateway")) {
    const direct = gatewayResults.find((r) => r.route === "direct" && r.store === gateway.store);
    if (!direct) continue;
    const caller = results.find(
      (r) => r.operation === "GetCallerIdentity" && r.store === gateway.store,
    )?.serverCpuMicrosPerRequest;
    const cpuRatio = caller ? gateway.cpuMicrosPerRequest / caller : undefined;
    compared.push({ store: gateway.store, direct, gateway, callerIdentityCpuMicros: caller, cpuRatio });
  }
  return compared.length > 0 ? compared : undefined;
}

function compareStores(results: readonly OperationResult[]): StoreComparison[] | undefined {
  const rps = (op: OperationName, store: StoreName) =>
    results.find((r) => r.operation === op && r.store === store)?.rps;
  const compared: StoreComparison[] = [];
  for (const operation of new Set(results.map((r) => r.operation))) {
    const sqliteRps = rps(operation, "sqlite");
    const postgresqlRps = rps(operation, "postgresql");
    if (sqliteRps === undefined || postgresqlRps === undefined || sqliteRps === 0) continue;
    const target = POSTGRES_TARGET[operation];
    compared.push({ operation, sqliteRps, postgresqlRps, ratio: postgresqlRps / sqliteRps, target });
  }
  return compared.length > 0 ? compared : undefined;
}

const num = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits });
const mb = (bytes: number) => num(bytes / 1048576);
const pct = (ratio: number | undefined) => (ratio === undefined ? "–" : `${num(ratio * 100, 1)}%`);

/** The telemetry target column: met or missed, or inconclusive when the A/A control says the run cannot tell. */
export function telemetryVerdict(t: Pick<TelemetryComparison, "ratio" | "control" | "target">): string {
  if (t.target === undefined) return "–";
  const target = `≥ ${pct(t.target)}`;
  if (Math.abs(t.control - 1) > CONTROL_TOLERANCE) {
    return `inconclusive (${target}; twin/off outside ${pct(1 - CONTROL_TOLERANCE)}–${pct(1 + CONTROL_TOLERANCE)})`;
  }
  return `${t.ratio >= t.target ? "met" : "missed"} (${target})`;
}

function verdict(r: OperationResult, ratio: number | undefined): string {
  const target = ceilingOf(r).target;
  const p99 = r.p99Ms;
  const errors = r.errors + r.non2xx;
  const misses: string[] = [];
  if (target !== undefined && ratio !== undefined && ratio < target) misses.push(`ratio < ${target * 100}%`);
  if (p99 > P99_TARGET_MS) misses.push(`p99 > ${P99_TARGET_MS} ms`);
  if (errors > 0) misses.push("errors");
  if (r.firstSeen?.ranOut) misses.push("ran out of tokens");
  return misses.length === 0 ? "met" : misses.join(", ");
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
    "| operation | store | tokens | req/s | p50 ms | p99 ms | errors | non-2xx | server CPU µs/req | load gen. cores | peak RSS MB | vs | ratio | target |",
    "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- |",
  ];
  for (const r of report.operations) {
    lines.push(
      `| ${r.operation} | ${r.store} | ${r.tokens} | ${num(r.rps)} | ${num(r.p50Ms, 1)} | ${num(r.p99Ms, 1)} | ${r.errors} | ${r.non2xx} | ` +
        `${num(r.serverCpuMicrosPerRequest)} | ${num(r.loadGeneratorCores, 2)} | ${mb(r.peakRssBytes)} | ${r.ceiling} | ${pct(r.ratio)} | ${verdict(r, r.ratio)} |`,
    );
  }
  lines.push(...firstSeenLines(report));
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
        `${report.telemetry[0]?.trios.length ?? 0} windows, the medians of which are the figures.`,
      "",
      "| operation | store | off req/s | on req/s | twin req/s | on / off | twin / off | each window: on / off, twin / off | off CPU µs/req | on CPU µs/req | p99 ms | failed | target |",
      "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | --- |",
    );
    for (const t of report.telemetry) {
      const target = telemetryVerdict(t);
      const windows = t.trios.map((w) => `${pct(w.ratio)}, ${pct(w.control)}`).join("; ");
      lines.push(
        `| ${t.operation} | ${t.store} | ${num(t.offRps)} | ${num(t.onRps)} | ${num(t.twinRps)} | ${pct(t.ratio)} | ${pct(t.control)} | ` +
          `${windows} | ${num(t.offCpuMicros)} | ${num(t.onCpuMicros)} | ${num(t.p99Ms, 1)} | ${t.failed} | ${target} |`,
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
