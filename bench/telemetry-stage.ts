/**
 * The telemetry stage of a run (`--metrics`, `--audit`, telemetry-cost.ts): for each operation and
 * store, its three servers (off, on, twin) measured at once, with a progress line for each.
 */
import type { Settings } from "./at-once.js";
import type { OperationName, StoreName } from "./options.js";
import type { ChildServer } from "./processes.js";
import type { WireRequest } from "./requests.js";
import {
  measureTelemetryCost,
  TELEMETRY_ROLES,
  type TelemetryComparison,
  type TelemetryRole,
  type TelemetryServer,
} from "./telemetry-cost.js";

export interface TelemetryStage {
  readonly operations: readonly OperationName[];
  /** Every server of the run: its store, its role ("off": the store's measured one) and its requests. */
  readonly servers: readonly {
    readonly store: StoreName;
    readonly role: TelemetryRole;
    readonly server: ChildServer;
    readonly requests: (operation: OperationName) => WireRequest[];
  }[];
  readonly settings: Settings;
  readonly say: (text: string) => void;
}

/** A store whose run has no "on" and "twin" servers (no telemetry flag) is left out. */
export async function measureTelemetryStage(stage: TelemetryStage): Promise<TelemetryComparison[]> {
  const comparisons: TelemetryComparison[] = [];
  const stores = [...new Set(stage.servers.map((s) => s.store))];
  for (const operation of stage.operations) {
    for (const store of stores) {
      const trio = stage.servers.flatMap((s): TelemetryServer[] =>
        s.store === store ? [{ role: s.role, server: s.server, requests: s.requests(operation) }] : [],
      );
      if (trio.length < TELEMETRY_ROLES.length) continue;
      const t = await measureTelemetryCost(trio, store, operation, stage.settings);
      stage.say(`${operation} (${store}), telemetry off / on / off again at once: ${telemetrySummary(t)}`);
      comparisons.push(t);
    }
  }
  return comparisons;
}

/** The progress line's figures: rates, CPU per request, both verdict ratios, and each window's rates. */
export function telemetrySummary(t: TelemetryComparison): string {
  const round = (n: number) => Math.round(n);
  const percent = (n: number) => `${(n * 100).toFixed(1)}%`;
  const windows = t.trios.map((w) => `${round(w.offRps)}/${round(w.onRps)}/${round(w.twinRps)}`).join(", ");
  return (
    `${round(t.offRps)} / ${round(t.onRps)} / ${round(t.twinRps)} req/s, ` +
    `on/off ${percent(t.ratio)}, control ${percent(t.control)}, ${t.failed} failed; ` +
    `CPU µs/req ${round(t.offCpuMicros)} / ${round(t.onCpuMicros)} / ${round(t.twinCpuMicros)}, ` +
    `on keeps ${percent(t.cpuRatio)} by CPU, control ${percent(t.cpuControl)} ` +
    `(medians of ${t.trios.length} windows: ${windows})`
  );
}
