/** The benchmark's results and what they are compared with (ceilings, targets, the other store); Markdown in report-markdown.ts. */
import { cpus } from "node:os";
import type { AtOnceWithFloor } from "./at-once.js";
import type { Ceilings } from "./ceilings.js";
import { compareGateway, compareStores, type GatewayComparison, type StoreComparison } from "./comparisons.js";
import type { GatewayResult } from "./gateway.js";
import type { LoadResult } from "./load.js";
import type { BenchOptions, OperationName, StoreName } from "./options.js";
import type { Placement } from "./placement.js";
import type { TelemetryComparison } from "./telemetry-cost.js";

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
  /** The row measured again at once with its ceiling (floor-at-once.ts, rs512-at-once.ts). */
  readonly atOnce?: AtOnceWithFloor;
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
  /** Tokens given to the at-once window with the HTTP + RS256 floor (its warm-up and window). */
  readonly atOnce: number;
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
export const ceilingOf = (r: Pick<OperationResult, "operation" | "tokens">) =>
  (r.tokens === "first-seen" ? FIRST_SEEN_CEILING[r.operation] : undefined) ?? CEILING[r.operation];

function ceilingRate(name: CeilingName, ceilings: Ceilings | undefined): number | undefined {
  if (name === "HTTP floor") return ceilings?.httpFloor.rps;
  if (name === "HTTP + RS256") return ceilings?.httpRs256?.rps;
  return ceilings?.rs512SignPerSecond;
}
export const P99_TARGET_MS = 10;
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
