/**
 * GetOpenIdToken beside its ceiling at the same time: crypto-ceiling.ts signing RS512 on the
 * server's CPUs with as many signatures in flight as the operation has connections, its warm-up
 * and window started with the operation's (floor-at-once.ts, for the floors). The ratio is the CPU
 * of one signature, every thread of the signing process, over the CPU of one GetOpenIdToken: the
 * share of the signatures' rate the operation reaches on the same CPU. The ceiling alone, measured
 * minutes after the row, put GetOpenIdToken at 58.3 to 99.7 % of it in four runs of two days.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { type AtOnceWithFloor, atOnceFigures, halves, type Settings } from "./at-once.js";
import { serverCommand } from "./placement.js";
import type { OperationResult } from "./report.js";

const script = fileURLToPath(new URL("./crypto-ceiling.ts", import.meta.url));

interface Signed {
  readonly rs512SignPerSecond: number;
  readonly cpuMicrosPerSign: number;
}

/** Starts the signer; resolves once it is ready, with a `go` that starts its warm-up and window. */
async function startSigner(settings: Settings, inFlight: number): Promise<() => Promise<Signed>> {
  const args = ["--import", "tsx", script, String(settings.durationSeconds), String(inFlight)];
  const command = serverCommand(process.execPath, [...args, "rs512-at-once", String(settings.warmupSeconds)]);
  const child = spawn(command.command, command.args, { stdio: ["pipe", "pipe", "inherit"] });
  // Its stdout is two lines: `ready`, then the JSON of its window.
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const nextLine = async (awaited: string): Promise<string> => {
    const { value, done } = await lines.next();
    if (done) throw new Error(`the RS512 signer exited before ${awaited}`);
    return value;
  };
  const first = await nextLine("it was ready");
  if (first !== "ready") throw new Error(`the RS512 signer said ${JSON.stringify(first.slice(0, 200))}`);
  return async () => {
    child.stdin.end("go\n");
    return JSON.parse(await nextLine("its result")) as Signed;
  };
}

/** `operation` (one measured window with the settings given) and the RS512 signer, at once. */
export async function atOnceWithRs512(
  operation: (each: Settings) => Promise<OperationResult>,
  settings: Settings,
): Promise<AtOnceWithFloor> {
  const { connectionsEach, each } = halves(settings);
  const go = await startSigner(settings, connectionsEach);
  const [measured, signed] = await Promise.all([operation(each), go()]);
  return atOnceFigures(connectionsEach, measured, {
    rps: signed.rs512SignPerSecond,
    cpuMicros: signed.cpuMicrosPerSign,
    failed: 0,
  });
}
