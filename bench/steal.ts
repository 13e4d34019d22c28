/**
 * Steal time: CPU time a virtual machine's host gave to others while this one wanted it
 * (/proc/stat, `steal`). On this project's VM it ranged from none to half of every CPU within an
 * hour, which moves every rate; the report says how much of the run it took.
 */
import { readFileSync } from "node:fs";

export interface CpuTimes {
  readonly steal: number;
  readonly total: number;
}

/** The machine's CPU time so far (clock ticks, all CPUs); undefined where /proc/stat is missing. */
export function cpuTimes(): CpuTimes | undefined {
  try {
    const line = readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
    // cpu user nice system idle iowait irq softirq steal guest guest_nice (guest time is in user).
    const [label, ...fields] = line.trim().split(/\s+/);
    if (label !== "cpu" || fields.length < 8) return undefined;
    const ticks = fields.slice(0, 8).map(Number);
    return { steal: ticks[7] ?? 0, total: ticks.reduce((sum, t) => sum + t, 0) };
  } catch {
    return undefined;
  }
}

/** The share of CPU time stolen between two readings, or undefined. */
export function stealShare(from: CpuTimes | undefined, to: CpuTimes | undefined): number | undefined {
  if (!from || !to || to.total <= from.total) return undefined;
  return (to.steal - from.steal) / (to.total - from.total);
}
