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
  /** How long the measured window lasted, by autocannon's clock (shorter if its requests ran out). */
  readonly windowSeconds: number;
  /**
   * CPU of this process (autocannon, all threads) over the window, in cores: near 1 with the load
   * generator pinned to one CPU means the client, not the server, set the pace.
   */
  readonly loadGeneratorCores: number;
}

/** Each request of a first-seen run, sent at most once, and whether they were all used. */
export interface OnceResult extends LoadResult {
  /** Requests handed to autocannon in the measured window (each a token never sent before). */
  readonly sent: number;
  /** The window ended because every prepared request had been sent, before its duration. */
  readonly ranOut: boolean;
}

interface Fired {
  readonly result: AutocannonResult;
  /** How many requests setupRequest handed out. */
  readonly handedOut: number;
}

/**
 * Runs autocannon once. Rotation: every request takes the next body, across connections, round
 * and round. Once: each body is sent at most once and autocannon stops when all are sent
 * (maxOverallRequests); a request past the end would go out empty (and fail), never as a repeat.
 */
async function fire(
  settings: LoadSettings,
  requests: readonly WireRequest[],
  seconds: number,
  once = false,
): Promise<Fired> {
  let next = 0;
  const result = await autocannon({
    url: settings.url,
    connections: settings.connections,
    duration: seconds,
    timeout: 10,
    // autocannon notices that every connection is done only at its next sample: every 100 ms
    // rather than every second, so a run whose requests ran out is not padded with idle time.
    ...(once ? { maxOverallRequests: requests.length, sampleInt: 100 } : {}),
    requests: [
      {
        method: "POST",
        path: "/",
        setupRequest: (request) => {
          const chosen = requests[once ? next++ : next++ % requests.length];
          // A copy: autocannon adds Content-Length to the headers object it is given.
          if (!chosen) return request;
          const target = { ...request, headers: { ...chosen.headers }, body: chosen.body };
          return { ...target, method: chosen.method ?? "POST", path: chosen.path ?? "/" };
        },
      },
    ],
  });
  return { result, handedOut: next };
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

async function window(hooks: MeasureHooks, run: () => Promise<Fired>): Promise<Fired & { cores: number }> {
  hooks.start?.();
  const timer = setInterval(() => hooks.sample?.(), 250);
  const cpu = process.cpuUsage();
  const started = performance.now();
  try {
    const fired = await run();
    const used = process.cpuUsage(cpu);
    return { ...fired, cores: (used.user + used.system) / 1000 / (performance.now() - started) };
  } finally {
    clearInterval(timer);
  }
}

function summarise({ result, cores }: { result: AutocannonResult; cores: number }): LoadResult {
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

export async function measure(
  settings: LoadSettings,
  requests: readonly WireRequest[],
  hooks: MeasureHooks = {},
): Promise<LoadResult> {
  if (requests.length === 0) throw new Error("no requests to send");
  if (settings.warmupSeconds > 0) await fire(settings, requests, settings.warmupSeconds);
  return summarise(await window(hooks, () => fire(settings, requests, settings.durationSeconds)));
}

/** Warm-up on its own requests, then the measured run; every request of both is sent at most once. */
export async function measureOnce(
  settings: LoadSettings,
  warmup: readonly WireRequest[],
  measured: readonly WireRequest[],
  hooks: MeasureHooks = {},
): Promise<OnceResult> {
  if (measured.length < settings.connections) throw new Error("fewer first-seen requests than connections");
  if (settings.warmupSeconds > 0 && warmup.length >= settings.connections) {
    await fire(settings, warmup, settings.warmupSeconds, true);
  }
  const fired = await window(hooks, () => fire(settings, measured, settings.durationSeconds, true));
  return {
    ...summarise(fired),
    sent: Math.min(fired.handedOut, measured.length),
    ranOut: fired.handedOut >= measured.length,
  };
}
