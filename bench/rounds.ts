import type { OperationResult } from "./report.js";

/**
 * With --metrics/--audit each operation is measured off and on in alternating rounds (off, on,
 * off, on, …), each a share of the window, so that the machine's drift (a virtual machine's steal
 * time moves by the minute) falls on both alike; a single off-then-on pair swung by ±40% here.
 */
export const TELEMETRY_ROUNDS = 4;

/** One row from the rounds of one operation on one server: totals, and the worst p99. */
export function mergeRounds(rounds: readonly OperationResult[]): OperationResult {
  const [first] = rounds;
  if (!first) throw new Error("no rounds to merge");
  if (rounds.length === 1) return first;
  const seconds = rounds.reduce((sum, r) => sum + r.windowSeconds, 0);
  const responses = rounds.reduce((sum, r) => sum + r.rps * r.windowSeconds, 0);
  const cpuMicros = rounds.reduce((sum, r) => sum + r.serverCpuMicrosPerRequest * r.rps * r.windowSeconds, 0);
  const statusCodes: Record<string, number> = {};
  for (const r of rounds)
    for (const [code, n] of Object.entries(r.statusCodes)) statusCodes[code] = (statusCodes[code] ?? 0) + n;
  const heaviest = rounds.reduce((a, b) => (b.peakRssBytes > a.peakRssBytes ? b : a));
  return {
    ...first,
    rps: seconds > 0 ? responses / seconds : 0,
    // A merged median is not the median of medians; the middle round's is close, and said so nowhere else.
    p50Ms: [...rounds].sort((a, b) => a.p50Ms - b.p50Ms)[Math.floor(rounds.length / 2)]?.p50Ms ?? first.p50Ms,
    p99Ms: Math.max(...rounds.map((r) => r.p99Ms)),
    errors: rounds.reduce((sum, r) => sum + r.errors, 0),
    non2xx: rounds.reduce((sum, r) => sum + r.non2xx, 0),
    requests: rounds.reduce((sum, r) => sum + r.requests, 0),
    statusCodes,
    windowSeconds: seconds,
    loadGeneratorCores: rounds.reduce((sum, r) => sum + r.loadGeneratorCores * r.windowSeconds, 0) / (seconds || 1),
    peakRssBytes: heaviest.peakRssBytes,
    peakRssPerProcessBytes: heaviest.peakRssPerProcessBytes,
    serverCpuMicrosPerRequest: responses > 0 ? cpuMicros / responses : 0,
  };
}
