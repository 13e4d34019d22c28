import {
  type LoadResult,
  type LoadSettings,
  type MeasureHooks,
  measure,
  measureOnce,
  type OnceResult,
} from "./load.js";
import type { OperationName, StoreName } from "./options.js";
import type { ChildServer } from "./processes.js";
import type { FirstSeenRun, OperationResult } from "./report.js";
import type { WireRequest } from "./requests.js";

/** Peak RSS and server CPU around one measured window of `server`. */
async function observed<R extends LoadResult>(
  server: ChildServer,
  run: (hooks: MeasureHooks) => Promise<R>,
): Promise<{ result: R; peakRssBytes: number; peakRssPerProcessBytes: number[]; serverCpuMicrosPerRequest: number }> {
  let peak = { total: 0, perProcess: [] as number[] };
  let cpuAtStart = 0;
  const result = await run({
    start: () => {
      cpuAtStart = server.cpuSeconds();
    },
    sample: () => {
      const rss = server.rssBytes();
      if (rss.total > peak.total) peak = rss;
    },
  });
  const cpuMicros = (server.cpuSeconds() - cpuAtStart) * 1e6;
  const responses = result.rps * result.windowSeconds;
  return {
    result,
    peakRssBytes: peak.total,
    peakRssPerProcessBytes: peak.perProcess,
    serverCpuMicrosPerRequest: responses > 0 ? cpuMicros / responses : 0,
  };
}

/** One operation against the running server: load, peak RSS, and server CPU per response. */
export async function measureOperation(
  server: ChildServer,
  store: StoreName,
  operation: OperationName,
  requests: readonly WireRequest[],
  settings: Omit<LoadSettings, "url">,
): Promise<OperationResult> {
  const { result, ...seen } = await observed(server, (hooks) =>
    measure({ ...settings, url: server.url }, requests, hooks),
  );
  return { ...result, ...seen, operation, store, tokens: "repeated" };
}

/** The same, each request carrying a token the server has never seen (warm-up and window apart). */
export async function measureFirstSeen(
  server: ChildServer,
  store: StoreName,
  operation: OperationName,
  load: { readonly warmup: readonly WireRequest[]; readonly measured: readonly WireRequest[] },
  settings: Omit<LoadSettings, "url">,
  minted: Omit<FirstSeenRun, "sent" | "ranOut">,
): Promise<OperationResult> {
  const { result, ...seen } = await observed<OnceResult>(server, (hooks) =>
    measureOnce({ ...settings, url: server.url }, load.warmup, load.measured, hooks),
  );
  const { sent, ranOut, ...rest } = result;
  return { ...rest, ...seen, operation, store, tokens: "first-seen", firstSeen: { ...minted, sent, ranOut } };
}
