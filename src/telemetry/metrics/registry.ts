import { collectDefaultMetrics, Registry } from "prom-client";
import type { Clock, EventSink, Logger } from "../../shared/index.js";
import { defineGauges, type GaugeSources, KeyTrouble } from "./gauges.js";
import { KnownNames, type NameStore, providerName } from "./known-names.js";
import { defineSeries } from "./series.js";
import { metricsSink } from "./sink.js";

/** What the app hands the metrics: the store for the registered names, and the gauges' readers. */
export interface MetricsSources extends GaugeSources {
  readonly store: NameStore;
}

export interface RegistryDeps {
  readonly engine: "sqlite" | "postgres";
  readonly log: Logger;
  readonly clock: Clock;
  /** The public providers' base URLs (Google, Apple): their keys are fetched without registration. */
  readonly publicProviderUrls: readonly string[];
  /** Without them no pool or provider is named (every one counts as `other`) and no gauge is set. */
  readonly sources: MetricsSources | undefined;
}

export interface Metrics {
  readonly registry: Registry;
  readonly sink: EventSink;
  /** The store's `onQueryDuration`. */
  observeStoreQuery(durationMs: number): void;
  /** The audit trail's `onLost`. */
  countAuditLost(count: number): void;
}

/** idpool's own logins key, for its own OpenID tokens (reference §3.2): always known. */
const COGNITO_IDENTITY = "cognito-identity.amazonaws.com";

/** One process's registry: the counted series, the gauges and the process metrics, and the sink that counts. */
export function createMetrics(deps: RegistryDeps): Metrics {
  const onError = (error: unknown) => deps.log.warn({ err: error }, "metrics: a value could not be read for a scrape");
  const registry = new Registry();
  const registers = [registry];
  const fixed = [COGNITO_IDENTITY, ...deps.publicProviderUrls.map(providerName)];
  const names = new KnownNames(deps.sources?.store, fixed, onError);
  const trouble = new KeyTrouble();
  const series = defineSeries(registers, () => names.settle());
  defineGauges(registers, names, deps.publicProviderUrls, trouble, deps.sources, deps.clock, onError);
  // Process metrics (CPU, memory, event loop, GC, handles) under the same prefix.
  collectDefaultMetrics({ register: registry, prefix: "idpool_" });
  const queries = series.storeQueryDuration.labels(deps.engine);
  return {
    registry,
    sink: metricsSink(series, names, trouble, deps.clock),
    observeStoreQuery: (durationMs) => queries.observe(durationMs / 1000),
    countAuditLost: (count) => series.auditEventsLost.inc(count),
  };
}
