/**
 * Each row beside its floor at the same time: idpool and the floor server (floor-server.ts, the
 * same process count; for a first-seen row the floor verifying each request's RS256 token) on the
 * server's CPUs, half the connections each, windows started together. The ratio is the floor's
 * server CPU per request over the operation's: the share of the floor's rate the operation would
 * reach on the same CPU, both bound by it. A row and a ceiling measured minutes apart each take the
 * host's speed of their own minute (GetId read 51.0 and 61.9 % of a floor measured after it in two
 * runs eleven minutes apart, the floor at 57 and 78 µs of CPU a request); measured at once, both
 * take the same. CPU per request rather than requests per second, so that an uneven share of the
 * CPU between the two does not count, and because the floor served alone is paced by the load
 * generator's core (load gen. cores ≈ 1) rather than by its own.
 */
import { type AtOnceWithFloor, atOnceFigures, halves, type Settings } from "./at-once.js";
import { measureOperation } from "./operation.js";
import type { OperationName, StoreName } from "./options.js";
import type { ChildServer } from "./processes.js";
import { ceilingOf, type OperationResult } from "./report.js";
import type { WireRequest } from "./requests.js";
import { atOnceWithRs512 } from "./rs512-at-once.js";

/** A floor server running beside the rows, and the requests it is sent (any the floor accepts). */
export interface RunningFloor {
  readonly server: ChildServer;
  readonly requests: readonly WireRequest[];
}

/** `operation` (one measured window with the settings given) and the floor, at once. */
export async function atOnceWithFloor(
  operation: (each: Settings) => Promise<OperationResult>,
  floor: RunningFloor,
  store: StoreName,
  settings: Settings,
): Promise<AtOnceWithFloor> {
  const { connectionsEach, each } = halves(settings);
  const [measured, floorMeasured] = await Promise.all([
    operation(each),
    measureOperation(floor.server, store, "GetId", floor.requests, each),
  ]);
  return atOnceFigures(connectionsEach, measured, {
    rps: floorMeasured.rps,
    cpuMicros: floorMeasured.serverCpuMicrosPerRequest,
    failed: floorMeasured.errors + floorMeasured.non2xx,
  });
}

/**
 * A repeated row alone and, when a floor server runs (the run measures ceilings), at once with its
 * ceiling: the HTTP floor, or RS512 signatures (rs512-at-once.ts).
 */
export async function measureRow(
  server: ChildServer,
  floor: ChildServer | undefined,
  store: StoreName,
  operation: OperationName,
  requests: readonly WireRequest[],
  settings: Settings,
): Promise<OperationResult> {
  const run = (each: Settings) => measureOperation(server, store, operation, requests, each);
  const alone = await run(settings);
  if (!floor) return alone;
  const ceiling = ceilingOf(alone).name;
  if (ceiling === "RS512 sign") return { ...alone, atOnce: await atOnceWithRs512(run, settings) };
  if (ceiling !== "HTTP floor") return alone;
  // The floor is sent the operation's own requests: the same bytes to read and parse.
  return { ...alone, atOnce: await atOnceWithFloor(run, { server: floor, requests }, store, settings) };
}
