import type { Config } from "../config/index.js";
import type { Operation } from "../protocol/index.js";
import type { Clock, EventSink, Logger } from "../shared/index.js";
import {
  createQuotaAdmitter,
  type MetricsSources,
  type RunningMetrics,
  resolveQuotas,
  startAuditTrail,
  startMetrics,
} from "../telemetry/index.js";
import { Teardown } from "./teardown.js";

/** What operability adds to a running service (README: Operability), composed here only. */
export interface RunningTelemetry {
  /** Receivers of the service's events: metrics, the audit trail. */
  readonly sinks: readonly EventSink[];
  /** Throws the throttling or audit-unavailable error before a call is served (dispatch's admit). */
  readonly admit: ((op: Operation) => void) | undefined;
  /** `http://HOST:PORT/metrics` once the metrics listener listens; undefined when off or in a cluster worker. */
  readonly metricsUrl: string | undefined;
  /** While metrics are on: told each store query's duration (the store's `onQueryDuration`). */
  readonly onStoreQuery: ((durationMs: number) => void) | undefined;
  stop(): Promise<void>;
}

export interface TelemetryDeps {
  readonly config: Config;
  readonly log: Logger;
  readonly clock: Clock;
  /** Every operation the registry serves, by AWS name (`GetId`): what a `--quota` may name. */
  readonly operationNames: readonly string[];
  /** What the metrics read: the registered names (to bound labels) and the gauges' values. */
  readonly metrics?: MetricsSources;
}

/**
 * Starts what the configuration asks for. Each part lives in src/telemetry/ and is wired here:
 * metrics (--metrics-port), the audit trail (--audit-log), quotas (--quota, --quota-defaults).
 */
export function startTelemetry(deps: TelemetryDeps): Promise<RunningTelemetry> {
  const teardown = new Teardown();
  return teardown.guard(() => startParts(deps, teardown));
}

async function startParts(deps: TelemetryDeps, teardown: Teardown): Promise<RunningTelemetry> {
  const sinks: EventSink[] = [];
  const admitters: ((op: Operation) => void)[] = [];
  // [metrics]
  let metrics: RunningMetrics | undefined;
  if (deps.config.telemetry.metricsPort !== undefined) {
    const { google, apple } = deps.config.publicProviders;
    metrics = await startMetrics({
      config: deps.config.telemetry,
      engine: deps.config.databaseUrl ? "postgres" : "sqlite",
      log: deps.log,
      clock: deps.clock,
      // Google's and Apple's keys are fetched from their base URLs (identity/logins/public.ts).
      publicProviderUrls: [google, apple],
      sources: deps.metrics,
    });
    sinks.push(metrics.sink);
    teardown.add(metrics.stop);
  }
  // [audit]
  if (deps.config.telemetry.auditLog !== undefined) {
    const audit = await startAuditTrail({
      target: deps.config.telemetry.auditLog,
      required: deps.config.telemetry.auditRequired,
      log: deps.log,
      clock: deps.clock,
      ...(metrics ? { onLost: metrics.countAuditLost } : {}),
    });
    sinks.push(audit.sink);
    if (audit.admit) admitters.push(audit.admit);
    // logrotate's rename-then-HUP: reopen the path; the chain continues in the new file.
    const onHangUp = () => void audit.reopen();
    process.on("SIGHUP", onHangUp);
    teardown.add(async () => {
      process.off("SIGHUP", onHangUp);
      await audit.stop();
    });
  }
  // [quotas]
  const quotas = resolveQuotas(deps.config.telemetry, deps.operationNames);
  const admitQuota = createQuotaAdmitter(quotas, deps.clock);
  if (admitQuota) {
    admitters.push((op) => admitQuota(op.name));
    deps.log.info({ quotas }, "quotas in effect (requests per second, in this process)");
  }
  return {
    sinks,
    admit:
      admitters.length === 0
        ? undefined
        : (op) => {
            for (const admit of admitters) admit(op);
          },
    metricsUrl: metrics?.url,
    onStoreQuery: metrics?.observeStoreQuery,
    stop: () => teardown.stop(),
  };
}
