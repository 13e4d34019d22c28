import cluster from "node:cluster";
import type { TelemetryConfig } from "../../config/index.js";
import type { EventSink } from "../../shared/index.js";
import { reportToClusterPrimary } from "./cluster.js";
import { listenForScrapes, type MetricsListener } from "./listener.js";
import { createMetrics, type RegistryDeps } from "./registry.js";

export { startClusterMetrics } from "./cluster.js";
export type { CachedProviderKeys, GaugeSources } from "./gauges.js";
export type { NameStore, PoolNames, ProviderTarget } from "./known-names.js";
export type { MetricsListener } from "./listener.js";
export { createMetrics, type Metrics, type MetricsSources, type RegistryDeps } from "./registry.js";

export interface MetricsDeps extends RegistryDeps {
  readonly config: TelemetryConfig;
  /** A worker of `--workers`: reports to the primary, which serves the scrapes (cluster.ts). */
  readonly clusterWorker?: boolean;
}

export interface RunningMetrics {
  readonly sink: EventSink;
  /** Undefined in a cluster worker, which opens no listener. */
  readonly url: string | undefined;
  /** The store's `onQueryDuration`. */
  observeStoreQuery(durationMs: number): void;
  /** The audit trail's `onLost`: events it could not write. */
  countAuditLost(count: number): void;
  stop(): Promise<void>;
}

/** The metrics of one process (README: Metrics), with their listener unless it is a cluster worker. */
export async function startMetrics(deps: MetricsDeps): Promise<RunningMetrics> {
  const { registry, sink, observeStoreQuery, countAuditLost } = createMetrics(deps);
  let listener: MetricsListener | undefined;
  if (deps.clusterWorker ?? cluster.isWorker) {
    reportToClusterPrimary(registry);
  } else {
    const scrape = async () => ({ contentType: registry.contentType, body: await registry.metrics() });
    listener = await listenForScrapes(deps.config.metricsHost, deps.config.metricsPort ?? 0, scrape, deps.log);
  }
  return {
    sink,
    url: listener?.url,
    observeStoreQuery,
    countAuditLost,
    async stop() {
      await listener?.close();
      registry.clear();
    },
  };
}
