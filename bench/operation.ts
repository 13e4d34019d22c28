import { type LoadSettings, measure } from "./load.js";
import type { OperationName, StoreName } from "./options.js";
import type { ChildServer } from "./processes.js";
import type { OperationResult } from "./report.js";
import type { WireRequest } from "./requests.js";

/** One operation against the running server: load, peak RSS, and server CPU per response. */
export async function measureOperation(
  server: ChildServer,
  store: StoreName,
  operation: OperationName,
  requests: readonly WireRequest[],
  settings: Omit<LoadSettings, "url">,
): Promise<OperationResult> {
  let peak = { total: 0, perProcess: [] as number[] };
  let cpuAtStart = 0;
  const result = await measure({ ...settings, url: server.url }, requests, {
    start: () => {
      cpuAtStart = server.cpuSeconds();
    },
    sample: () => {
      const rss = server.rssBytes();
      if (rss.total > peak.total) peak = rss;
    },
  });
  const cpuMicros = (server.cpuSeconds() - cpuAtStart) * 1e6;
  const responses = result.rps * settings.durationSeconds;
  return {
    ...result,
    operation,
    store,
    peakRssBytes: peak.total,
    peakRssPerProcessBytes: peak.perProcess,
    serverCpuMicrosPerRequest: responses > 0 ? cpuMicros / responses : 0,
  };
}
