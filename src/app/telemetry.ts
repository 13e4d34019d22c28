import type { Config } from "../config/index.js";
import type { Operation } from "../protocol/index.js";
import type { EventSink, Logger } from "../shared/index.js";

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
  // [quotas]
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
