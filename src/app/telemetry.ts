import type { Config } from "../config/index.js";
import type { Operation } from "../protocol/index.js";
import type { Clock, EventSink, Logger } from "../shared/index.js";
import { createQuotaAdmitter, resolveQuotas, startAuditTrail } from "../telemetry/index.js";

/** What operability adds to a running service (README: Operability), composed here only. */
export interface RunningTelemetry {
  /** Receivers of the service's events: metrics, the audit trail. */
  readonly sinks: readonly EventSink[];
  /** Throws the throttling or audit-unavailable error before a call is served (dispatch's admit). */
  readonly admit: ((op: Operation) => void) | undefined;
  stop(): Promise<void>;
}

export interface TelemetryDeps {
  readonly config: Config;
  readonly log: Logger;
  readonly clock: Clock;
  /** Every operation the registry serves, by AWS name (`GetId`): what a `--quota` may name. */
  readonly operationNames: readonly string[];
}

/**
 * Starts what the configuration asks for. Each part lives in src/telemetry/ and is wired here:
 * metrics (--metrics-port), the audit trail (--audit-log), quotas (--quota, --quota-defaults).
 */
export async function startTelemetry(deps: TelemetryDeps): Promise<RunningTelemetry> {
  const sinks: EventSink[] = [];
  const admitters: ((op: Operation) => void)[] = [];
  const stops: (() => Promise<void>)[] = [];
  void deps;
  // [metrics]
  // [audit]
  if (deps.config.telemetry.auditLog !== undefined) {
    const audit = await startAuditTrail({
      target: deps.config.telemetry.auditLog,
      required: deps.config.telemetry.auditRequired,
      log: deps.log,
      clock: deps.clock,
    });
    sinks.push(audit.sink);
    if (audit.admit) admitters.push(audit.admit);
    // logrotate's rename-then-HUP: reopen the path; the chain continues in the new file.
    const onHangUp = () => void audit.reopen();
    process.on("SIGHUP", onHangUp);
    stops.push(async () => {
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
    async stop() {
      for (const stop of stops.reverse()) await stop();
    },
  };
}
