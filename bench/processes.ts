import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { serverCommand } from "./placement.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
/**
 * Build output and data of a run. Under node_modules/.cache, where linters and git do not look and
 * from where the compiled files still resolve the project's packages.
 */
export const WORK_DIR = `${ROOT}node_modules/.cache/idpool-bench`;
/**
 * Compiled once per run, into a folder of its own (runs may overlap, e.g. the smoke test inside
 * `npm test` beside a real run): the server is measured as `npm start` runs it, without tsx's
 * loader. tsc emits even when other files have type errors; we say so. Returns the entry point.
 */
export async function buildServer(outDir: string): Promise<string> {
  const main = `${outDir}/cli/main.js`;
  const tsc = `${ROOT}node_modules/typescript/bin/tsc`;
  const args = ["-p", `${ROOT}tsconfig.json`, "--outDir", outDir, "--sourceMap", "false"];
  try {
    await promisify(execFile)(process.execPath, [tsc, ...args], { cwd: ROOT });
  } catch (error) {
    const out = (error as { stdout?: string }).stdout ?? "";
    if (!existsSync(main)) throw new Error(`tsc failed:\n${out}`);
    process.stderr.write(`warning: tsc reported errors; benchmarking what it emitted:\n${out.slice(0, 2000)}\n`);
  }
  return main;
}

export interface ChildServer {
  readonly pid: number;
  readonly url: string;
  /** Resident set size in bytes of this process and its node children (cluster workers). */
  rssBytes(): { total: number; perProcess: number[] };
  /** CPU seconds used so far by this process and its node children: what a request costs, whatever else runs. */
  cpuSeconds(): number;
  stop(): Promise<number | null>;
}

function rssOf(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** User + system CPU seconds of a process, all its threads (crypto runs on libuv's pool). */
function cpuSecondsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Fields 14 and 15 of proc(5), utime and stime, in clock ticks (USER_HZ, 100 on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

function childPids(pid: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid) found.push(Number(entry));
    } catch {
      // Gone while we looked.
    }
  }
  return found;
}

/**
 * Starts a node child and resolves once it prints `listening on http://…`. Every child is on the
 * server's side of the machine, so it starts on the server's CPUs when the run is pinned.
 */
export function startChild(
  args: readonly string[],
  env: Record<string, string | undefined>,
  label: string,
  side: "server" | "load" = "server",
): Promise<ChildServer> {
  const command = serverCommand(process.execPath, args, side);
  const child: ChildProcess = spawn(command.command, command.args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  // Log lines are drained and dropped (one per request); only start-up output is kept.
  child.stdout?.on("data", (d: Buffer) => {
    if (out.length < 8192) out += d.toString("utf8");
  });
  child.stderr?.on("data", (d: Buffer) => {
    err = (err + d.toString("utf8")).slice(-8192);
  });
  let stopping = false;
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  void exited.then((code) => {
    if (!stopping) process.stderr.write(`${label} exited unexpectedly (${code}):\n${err}\n`);
  });
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (!match?.[1]) return;
      clearInterval(timer);
      const pid = child.pid ?? 0;
      resolve({
        pid,
        url: match[1],
        rssBytes: () => {
          const perProcess = [pid, ...childPids(pid)].map(rssOf).filter((n) => n > 0);
          return { total: perProcess.reduce((a, b) => a + b, 0), perProcess };
        },
        cpuSeconds: () => [pid, ...childPids(pid)].map(cpuSecondsOf).reduce((a, b) => a + b, 0),
        stop: async () => {
          stopping = true;
          child.kill("SIGTERM");
          return exited;
        },
      });
    }, 20);
    exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`${label} exited with ${code} before listening:\n${out}\n${err}`));
    });
  });
}

export interface IdpoolChildOptions {
  /** What buildServer returned. */
  readonly main: string;
  readonly dataDir: string;
  readonly workers: number;
  readonly databaseUrl: string | undefined;
  readonly root: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly cpuProfDir?: string | undefined;
  /** More `serve` flags (the telemetry variant's --metrics-port, --audit-log). */
  readonly extraArgs?: readonly string[];
}

/** `idpool serve` from the compiled build, on a free port. */
export function startIdpool(options: IdpoolChildOptions): Promise<ChildServer> {
  const nodeFlags = options.cpuProfDir ? ["--cpu-prof", `--cpu-prof-dir=${options.cpuProfDir}`] : [];
  const args = [...nodeFlags, options.main, "serve", "--port", "0", "--data-dir", options.dataDir];
  args.push("--workers", String(options.workers));
  if (options.databaseUrl) args.push("--database-url", options.databaseUrl);
  args.push(...(options.extraArgs ?? []));
  return startChild(
    args,
    {
      IDPOOL_ROOT_ACCESS_KEY_ID: options.root.accessKeyId,
      IDPOOL_ROOT_SECRET_ACCESS_KEY: options.root.secretAccessKey,
      // As shipped (one JSON line per request) unless the caller chooses otherwise.
      IDPOOL_LOG_LEVEL: process.env.IDPOOL_LOG_LEVEL ?? "info",
    },
    "idpool serve",
  );
}
