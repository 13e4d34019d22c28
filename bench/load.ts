import autocannon, { type AutocannonResult } from "autocannon";
import type { WireRequest } from "./requests.js";

export interface LoadSettings {
  readonly url: string;
  readonly connections: number;
  readonly durationSeconds: number;
  readonly warmupSeconds: number;
}

export interface LoadResult {
  /** 2xx responses per second over the measured window. */
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Socket errors and timeouts. */
  readonly errors: number;
  readonly non2xx: number;
  readonly requests: number;
  readonly statusCodes: Record<string, number>;
  /** How long the measured window lasted, by autocannon's clock. */
  readonly windowSeconds: number;
  /**
   * CPU of this process (autocannon, all threads) over the window, in cores: near 1 with the load
   * generator pinned to one CPU means the client, not the server, set the pace.
   */
  readonly loadGeneratorCores: number;
}

/** Runs autocannon once; every request takes the next body of the rotation, across connections. */
function fire(settings: LoadSettings, requests: readonly WireRequest[], seconds: number): Promise<AutocannonResult> {
  let next = 0;
  return Promise.resolve(
    autocannon({
      url: settings.url,
      connections: settings.connections,
      duration: seconds,
      timeout: 10,
      requests: [
        {
          method: "POST",
          path: "/",
          setupRequest: (request) => {
            const chosen = requests[next++ % requests.length];
            // A copy: autocannon adds Content-Length to the headers object it is given.
            if (!chosen) return request;
            const target = { ...request, headers: { ...chosen.headers }, body: chosen.body };
            return { ...target, method: chosen.method ?? "POST", path: chosen.path ?? "/" };
          },
        },
      ],
    }),
  );
}

/**
 * Warm-up (JIT, caches, connection set-up), then the measured run.
 */
export interface MeasureHooks {
  /** Called when the measured run starts, after the warm-up. */
  readonly start?: () => void;
  /** Called every 250 ms during the measured run. */
  readonly sample?: () => void;
}

export async function measure(
  settings: LoadSettings,
  requests: readonly WireRequest[],
  hooks: MeasureHooks = {},
): Promise<LoadResult> {
  if (requests.length === 0) throw new Error("no requests to send");
  if (settings.warmupSeconds > 0) await fire(settings, requests, settings.warmupSeconds);
  hooks.start?.();
  const timer = setInterval(() => hooks.sample?.(), 250);
  const cpu = process.cpuUsage();
  const started = performance.now();
  let result: AutocannonResult;
  try {
    result = await fire(settings, requests, settings.durationSeconds);
  } finally {
    clearInterval(timer);
  }
  const used = process.cpuUsage(cpu);
  const cores = (used.user + used.system) / 1000 / (performance.now() - started);
  const statusCodes: Record<string, number> = {};
  for (const [code, { count }] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = count;
  return {
    rps: result["2xx"] / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    requests: result.requests.total,
    statusCodes,
    windowSeconds: result.duration,
    loadGeneratorCores: cores,
  };
}
