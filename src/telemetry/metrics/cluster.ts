import { AggregatorRegistry, type Registry } from "prom-client";
import type { TelemetryConfig } from "../../config/index.js";
import type { Logger } from "../../shared/index.js";
import { listenForScrapes, type MetricsListener } from "./listener.js";

/**
 * `--workers N` (node:cluster): one scrape covers every worker. The primary serves the listener and
 * asks each worker for its registry on every scrape over cluster's IPC channel, summing counters
 * and histograms (prom-client's AggregatorRegistry, "Usage with Node.js's cluster module"); the
 * gauges say how they combine (gauges.ts). Workers open no listener of their own.
 */
export function startClusterMetrics(config: TelemetryConfig, log: Logger): Promise<MetricsListener> {
  const aggregator = new AggregatorRegistry();
  return listenForScrapes(
    config.metricsHost,
    config.metricsPort ?? 0,
    async () => ({ contentType: aggregator.contentType, body: await aggregator.clusterMetrics() }),
    log,
  );
}

/** In a worker: answer the primary's requests with this registry. */
export function reportToClusterPrimary(registry: Registry): void {
  AggregatorRegistry.setRegistries([registry]);
  // Constructing one installs prom-client's listener for the primary's requests (once per process).
  new AggregatorRegistry();
}
