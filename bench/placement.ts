/**
 * Where the server and the load generator run. autocannon runs in this process and, unpinned,
 * competes with the server for the same cores, so one run's ceilings swung by 3×. With `taskset` on
 * the PATH and at least two CPUs allowed, the server's processes (idpool serve and its cluster
 * workers, the floor servers, the gateway and its upstream, the crypto ceilings, the throwaway
 * PostgreSQL) run on every allowed CPU but the last, and the load generator on the last one.
 * Children inherit their parent's affinity, so cluster workers and thread pools follow.
 */
import { execFileSync } from "node:child_process";
import { accessSync, constants, readFileSync } from "node:fs";
import { delimiter, join } from "node:path";

export interface Placement {
  readonly mode: "taskset" | "unpinned";
  /** taskset's CPU list of the server side ("0", "0-2"); absent when unpinned. */
  readonly serverCpus?: string;
  /** taskset's CPU list of the load generator (this process) while it measures. */
  readonly loadCpus?: string;
  /** As the report prints it: "server on CPU 0, load generator on CPU 1 (taskset)" or "unpinned (…)". */
  readonly description: string;
}

const UNPINNED: Placement = { mode: "unpinned", description: "unpinned" };
let current: Placement = UNPINNED;
let allowedAtStart = "";

/** The CPUs this process may run on (sched_getaffinity, as /proc shows it). */
function allowedCpus(): number[] {
  const match = /^Cpus_allowed_list:\s*(\S+)/m.exec(readFileSync("/proc/self/status", "utf8"));
  const cpus: number[] = [];
  for (const part of (match?.[1] ?? "").split(",")) {
    const [from, to] = part.split("-").map(Number);
    if (from === undefined || Number.isNaN(from)) continue;
    for (let cpu = from; cpu <= (to ?? from); cpu++) cpus.push(cpu);
  }
  return cpus;
}

/** "0", "0-2", "0,2": the form taskset -c takes. */
function cpuList(cpus: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < cpus.length; ) {
    let j = i;
    while (j + 1 < cpus.length && cpus[j + 1] === (cpus[j] ?? 0) + 1) j++;
    parts.push(i === j ? `${cpus[i]}` : `${cpus[i]}-${cpus[j]}`);
    i = j + 1;
  }
  return parts.join(",");
}

function onPath(name: string): boolean {
  return (process.env.PATH ?? "").split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

const cpusWord = (cpus: readonly number[]) => `CPU${cpus.length === 1 ? "" : "s"} ${cpuList(cpus)}`;

/** Decides the placement for the run and makes it the one children are started with. */
export function choosePlacement(pin: boolean, workers: number): Placement {
  const allowed = allowedCpus();
  allowedAtStart = cpuList(allowed);
  if (!pin) current = { mode: "unpinned", description: "unpinned (--no-pin)" };
  else if (!onPath("taskset")) current = { mode: "unpinned", description: "unpinned (no taskset on the PATH)" };
  else if (allowed.length < 2) current = { mode: "unpinned", description: `unpinned (only ${cpusWord(allowed)})` };
  else {
    const server = allowed.slice(0, -1);
    const load = allowed.slice(-1);
    // With 2 CPUs, --workers 2 puts both workers on one CPU: pinning gives the server one core
    // whatever the worker count, so the load generator keeps a core of its own. Said in the report.
    const shared = workers > server.length ? `; its ${workers} workers share ${cpusWord(server)}` : "";
    current = {
      mode: "taskset",
      serverCpus: cpuList(server),
      loadCpus: cpuList(load),
      description: `server on ${cpusWord(server)}, load generator on ${cpusWord(load)} (taskset)${shared}`,
    };
  }
  return current;
}

/**
 * The command that starts a child: under `taskset -c <server CPUs>` when pinned, or on the load
 * generator's CPUs for a child that is the measured server's environment rather than the server
 * (the gateway's upstream while the gateway is measured).
 */
export function serverCommand(
  command: string,
  args: readonly string[],
  side: "server" | "load" = "server",
): { command: string; args: string[] } {
  const cpus = side === "server" ? current.serverCpus : current.loadCpus;
  if (current.mode === "unpinned" || !cpus) return { command, args: [...args] };
  // taskset execs the command, so the child keeps the pid we read its CPU and memory by.
  return { command: "taskset", args: ["-c", cpus, command, ...args] };
}

/** Moves every thread of this process (main, V8 platform, libuv pool) onto `cpus`. */
function pinSelf(cpus: string): void {
  execFileSync("taskset", ["-a", "-cp", cpus, String(process.pid)], { stdio: "ignore" });
}

/** While measuring: the load generator on its own CPU. */
export function pinLoadGenerator(): void {
  if (current.loadCpus) pinSelf(current.loadCpus);
}

/** Outside the measured windows (token minting): every CPU the run was given. */
export function releaseLoadGenerator(): void {
  if (current.mode === "taskset" && allowedAtStart) pinSelf(allowedAtStart);
}

/**
 * Runs `start` with this process on the server CPUs, so that what it starts and does not spawn
 * through serverCommand (the throwaway PostgreSQL, daemonised by pg_ctl) inherits them.
 */
export async function onServerCpus<T>(start: () => Promise<T>): Promise<T> {
  if (!current.serverCpus) return start();
  pinSelf(current.serverCpus);
  try {
    return await start();
  } finally {
    releaseLoadGenerator();
  }
}
