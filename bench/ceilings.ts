import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { type LoadResult, type LoadSettings, measure } from "./load.js";
import { serverCommand } from "./placement.js";
import { startChild } from "./processes.js";
import type { WireRequest } from "./requests.js";

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

export interface Ceilings {
  /** A minimal node:http server answering fixed JSON to the same requests, same process count. */
  readonly httpFloor: LoadResult & { readonly serverCpuMicrosPerRequest: number };
  readonly rs256VerifyPerSecond: number;
  readonly rs512SignPerSecond: number;
}

export async function measureCeilings(
  settings: Omit<LoadSettings, "url">,
  workers: number,
  requests: readonly WireRequest[],
): Promise<Ceilings> {
  const floor = await startChild(["--import", "tsx", here("./floor-server.ts"), String(workers)], {}, "floor server");
  let httpFloor: Ceilings["httpFloor"];
  try {
    let cpuAtStart = 0;
    const result = await measure({ ...settings, url: floor.url }, requests, {
      start: () => {
        cpuAtStart = floor.cpuSeconds();
      },
    });
    const responses = result.rps * settings.durationSeconds;
    const cpuMicros = (floor.cpuSeconds() - cpuAtStart) * 1e6;
    httpFloor = { ...result, serverCpuMicrosPerRequest: responses > 0 ? cpuMicros / responses : 0 };
  } finally {
    await floor.stop();
  }
  // On the server's CPUs when pinned: the CPU a signature or verification can have in idpool.
  const cryptoCommand = serverCommand(process.execPath, [
    "--import",
    "tsx",
    here("./crypto-ceiling.ts"),
    String(settings.durationSeconds),
    String(settings.connections),
  ]);
  const { stdout } = await promisify(execFile)(cryptoCommand.command, cryptoCommand.args);
  const crypto = JSON.parse(stdout.trim()) as { rs256VerifyPerSecond: number; rs512SignPerSecond: number };
  return { httpFloor, ...crypto };
}
