/**
 * A row measured again at the same time as its ceiling (floor-at-once.ts for the floor servers,
 * rs512-at-once.ts for RS512 signatures): what the two windows give, computed in one place.
 */
import type { LoadSettings } from "./load.js";
import type { OperationResult } from "./report.js";

export type Settings = Omit<LoadSettings, "url">;

export interface AtOnceWithFloor {
  readonly connectionsEach: number;
  readonly operationRps: number;
  /** The ceiling's rate in the same seconds: its server's responses, or signatures. */
  readonly floorRps: number;
  readonly operationCpuMicros: number;
  /** The ceiling's CPU per response or per signature. */
  readonly floorCpuMicros: number;
  /** floorCpuMicros / operationCpuMicros. */
  readonly cpuRatio: number;
  /** Socket errors, timeouts and non-2xx answers of the two together. */
  readonly failed: number;
}

/** Half the connections each: the row and its ceiling side by side. */
export function halves(settings: Settings): { readonly connectionsEach: number; readonly each: Settings } {
  const connectionsEach = Math.max(1, Math.round(settings.connections / 2));
  return { connectionsEach, each: { ...settings, connections: connectionsEach } };
}

export function atOnceFigures(
  connectionsEach: number,
  measured: OperationResult,
  ceiling: { readonly rps: number; readonly cpuMicros: number; readonly failed: number },
): AtOnceWithFloor {
  const operationCpuMicros = measured.serverCpuMicrosPerRequest;
  return {
    connectionsEach,
    operationRps: measured.rps,
    floorRps: ceiling.rps,
    operationCpuMicros,
    floorCpuMicros: ceiling.cpuMicros,
    cpuRatio: operationCpuMicros > 0 ? ceiling.cpuMicros / operationCpuMicros : 0,
    failed: measured.errors + measured.non2xx + ceiling.failed,
  };
}

/** The progress line's words for a row's at-once figures. */
export function atOnceSummary(a: AtOnceWithFloor): string {
  return (
    `at once with its ceiling: ${Math.round(a.operationCpuMicros)} / ${Math.round(a.floorCpuMicros)} µs CPU/req, ` +
    `${(a.cpuRatio * 100).toFixed(1)}%, ${a.failed} failed`
  );
}
