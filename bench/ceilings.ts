import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { JWK } from "jose";
import { type LoadResult, type LoadSettings, measure } from "./load.js";
import { serverCommand } from "./placement.js";
import { type ChildServer, startChild } from "./processes.js";
import type { WireRequest } from "./requests.js";

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

export type FloorResult = LoadResult & { readonly serverCpuMicrosPerRequest: number };

export interface Ceilings {
  /** A minimal node:http server answering fixed JSON to the same requests, same process count. */
  readonly httpFloor: FloorResult;
  /**
   * The first-seen rows' ceiling: the same server verifying each request's RS256 token before it
   * answers (one HTTP request plus one RS256 verification), measured with the rows' placement.
   */
  readonly httpRs256?: FloorResult;
  readonly rs256VerifyPerSecond: number;
  readonly rs512SignPerSecond: number;
}

/** The floor server (floor-server.ts; `rs256Jwk`: verifying each request's token), on the server's CPUs. */
export function startFloor(workers: number, rs256Jwk?: JWK): Promise<ChildServer> {
  const args = ["--import", "tsx", here("./floor-server.ts"), String(workers), ...(rs256Jwk ? ["rs256"] : [])];
  const env = rs256Jwk ? { BENCH_RS256_JWK: JSON.stringify(rs256Jwk) } : {};
  return startChild(args, env, rs256Jwk ? "HTTP + RS256 floor server" : "floor server");
}

/** The floor server under the same load as the operations, with its CPU per 2xx. */
async function floor(
  settings: Omit<LoadSettings, "url">,
  workers: number,
  requests: readonly WireRequest[],
  rs256Jwk?: JWK,
): Promise<FloorResult> {
  const server = await startFloor(workers, rs256Jwk);
  try {
    let cpuAtStart = 0;
    const result = await measure({ ...settings, url: server.url }, requests, {
      start: () => {
        cpuAtStart = server.cpuSeconds();
      },
    });
    const responses = result.rps * result.windowSeconds;
    const cpuMicros = (server.cpuSeconds() - cpuAtStart) * 1e6;
    return { ...result, serverCpuMicrosPerRequest: responses > 0 ? cpuMicros / responses : 0 };
  } finally {
    await server.stop();
  }
}

/**
 * One HTTP request plus one RS256 verification per request: `requests` must carry a token signed
 * by the key of `jwk` (the repeated GetId requests do; the floor remembers nothing, so each
 * request of the rotation is verified afresh).
 */
export function measureHttpRs256(
  settings: Omit<LoadSettings, "url">,
  workers: number,
  requests: readonly WireRequest[],
  jwk: JWK,
): Promise<FloorResult> {
  return floor(settings, workers, requests, jwk);
}

export async function measureCeilings(
  settings: Omit<LoadSettings, "url">,
  workers: number,
  requests: readonly WireRequest[],
): Promise<Ceilings> {
  const httpFloor = await floor(settings, workers, requests);
  // On the server's CPUs when pinned: the CPU a signature or verification can have in idpool.
  const crypto = serverCommand(process.execPath, [
    "--import",
    "tsx",
    here("./crypto-ceiling.ts"),
    String(settings.durationSeconds),
    String(settings.connections),
  ]);
  const { stdout } = await promisify(execFile)(crypto.command, crypto.args);
  const rates = JSON.parse(stdout.trim()) as { rs256VerifyPerSecond: number; rs512SignPerSecond: number };
  return { httpFloor, ...rates };
}
