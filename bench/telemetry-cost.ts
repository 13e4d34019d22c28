/**
 * What --metrics/--audit cost: three servers over the same store measured at the same time, on
 * the same CPUs, each with a third of the connections: one without telemetry (off), one with it
 * (on), and a second one without it (the twin, an A/A control). Measured one after the other, in
 * alternating rounds, the same comparison swung from 74 % to 110 % here (a virtual machine's steal
 * time moves by the second); at the same time, whatever the machine does falls on all three alike.
 * The scheduler shares the CPUs evenly between the three busy processes, so each one's
 * throughput is set by its CPU per request: on/off is the share of throughput that telemetry
 * keeps, and twin/off says how far two identical servers differ, the method's resolution.
 */
import { type LoadSettings, measure } from "./load.js";
import { measureOperation } from "./operation.js";
import type { OperationName, StoreName } from "./options.js";
import type { ChildServer } from "./processes.js";
import type { OperationResult } from "./report.js";
import type { WireRequest } from "./requests.js";

/** Operability's cost: GetCredentialsForIdentity with metrics and audit on keeps ≥ 95% of off. */
const TELEMETRY_TARGET: Partial<Record<OperationName, number>> = { GetCredentialsForIdentity: 0.95 };

/**
 * How far the twin may land from off for on/off to mean anything: as far as the target's own
 * margin. Beyond it the three servers did not share the CPU evenly (on this VM, when the load
 * generator rather than the server's CPU set the pace: the twin came out at 72–124 % of off).
 */
export const CONTROL_TOLERANCE = 0.05;

export type TelemetryRole = "off" | "on" | "twin";
export const TELEMETRY_ROLES: readonly TelemetryRole[] = ["off", "on", "twin"];

export interface TelemetryServer {
  readonly role: TelemetryRole;
  readonly server: ChildServer;
  readonly requests: readonly WireRequest[];
}

/** One operation on one store, telemetry off, on, and off again, measured at once. */
export interface TelemetryComparison {
  readonly operation: OperationName;
  readonly store: StoreName;
  readonly connectionsEach: number;
  readonly offRps: number;
  readonly onRps: number;
  readonly twinRps: number;
  readonly offCpuMicros: number;
  readonly onCpuMicros: number;
  readonly twinCpuMicros: number;
  readonly p99Ms: number;
  /** Socket errors, timeouts and non-2xx answers of the three together. */
  readonly failed: number;
  /** On's req/s over off's. */
  readonly ratio: number;
  /** The twin's req/s over off's: 100 % but for the method's noise. */
  readonly control: number;
  readonly target: number | undefined;
}

export async function measureTelemetryCost(
  servers: readonly TelemetryServer[],
  store: StoreName,
  operation: OperationName,
  settings: Omit<LoadSettings, "url">,
): Promise<TelemetryComparison> {
  const connectionsEach = Math.max(1, Math.round(settings.connections / servers.length));
  const each = { ...settings, connections: connectionsEach };
  // Each one warmed up alone first, on the whole CPU: a server just started and warmed up on a
  // third of it served 20 % less than one measured before (JIT tiers, its first verifications).
  for (const { server, requests } of servers) {
    await measure(
      { ...settings, url: server.url, durationSeconds: settings.warmupSeconds, warmupSeconds: 0 },
      requests,
    );
  }
  // Warm-ups and windows of equal length, started together, so the windows overlap to within milliseconds.
  const measured = await Promise.all(
    servers.map(({ server, requests }) => measureOperation(server, store, operation, requests, each)),
  );
  const byRole = (role: TelemetryRole): OperationResult => {
    const found = measured[servers.findIndex((s) => s.role === role)];
    if (!found) throw new Error(`no ${role} server in the telemetry comparison`);
    return found;
  };
  const off = byRole("off");
  const on = byRole("on");
  const twin = byRole("twin");
  return {
    operation,
    store,
    connectionsEach,
    offRps: off.rps,
    onRps: on.rps,
    twinRps: twin.rps,
    offCpuMicros: off.serverCpuMicrosPerRequest,
    onCpuMicros: on.serverCpuMicrosPerRequest,
    twinCpuMicros: twin.serverCpuMicrosPerRequest,
    p99Ms: Math.max(off.p99Ms, on.p99Ms, twin.p99Ms),
    failed: measured.reduce((sum, r) => sum + r.errors + r.non2xx, 0),
    ratio: off.rps > 0 ? on.rps / off.rps : 0,
    control: off.rps > 0 ? twin.rps / off.rps : 0,
    target: TELEMETRY_TARGET[operation],
  };
}
