/**
 * The audit trail (`--audit-log`, README: Audit trail): an event sink that records admin calls,
 * credentials and OpenID tokens issued, refused logins and key discontinuities as hash-chained
 * JSON lines, and, with `--audit-required`, an admit hook refusing what it could not record.
 */
import { serviceError } from "../../errors/index.js";
import { type Clock, type EventSink, type Logger, systemClock } from "../../shared/index.js";
import { type AuditOutput, fileOutput, streamOutput } from "./output.js";
import { auditRecordOf } from "./records.js";
import { AuditWriter } from "./writer.js";

/** The parts of an operation the admit hook reads (protocol's `Operation` has them). */
export interface AuditedCall {
  readonly service: string;
  readonly name: string;
  readonly auth: string;
}

/**
 * The unsigned calls that always leave a record when they succeed: they issue credentials or an
 * OpenID token. Every signed call is recorded too (an admin call). GetId and UnlinkIdentity grant
 * nothing and are recorded only when they refuse a login, so they are served while the trail is down.
 */
const ISSUING_CALLS: ReadonlySet<string> = new Set([
  "cognito-identity:GetCredentialsForIdentity",
  "cognito-identity:GetOpenIdToken",
  "sts:AssumeRoleWithWebIdentity",
]);

export function isAuditedCall(op: AuditedCall): boolean {
  return op.auth !== "none" || ISSUING_CALLS.has(`${op.service}:${op.name}`);
}

export interface AuditTrailOptions {
  /** A file path, or `-` for stdout. */
  readonly target: string;
  readonly required: boolean;
  readonly log: Logger;
  readonly clock?: Clock;
  readonly onLost?: (count: number) => void;
  /** Tests: where `-` writes instead of process.stdout, and a shorter retry. */
  readonly stdout?: NodeJS.WritableStream;
  readonly retryMs?: number;
}

export interface AuditTrail {
  readonly sink: EventSink;
  /** With `--audit-required`: throws the internal error for an audited call while the trail is down. */
  readonly admit: ((op: AuditedCall) => void) | undefined;
  /** Opens the file again (SIGHUP, after logrotate renamed it); the chain continues in the new file. */
  reopen(): Promise<void>;
  /** Events the trail could not record since start (for `idpool_audit_events_lost_total`). */
  lostEvents(): number;
  /** Writes everything queued, then closes the file. */
  stop(): Promise<void>;
}

/** Opens the trail; throws at start-up when its file cannot be opened (a configuration mistake). */
export async function startAuditTrail(options: AuditTrailOptions): Promise<AuditTrail> {
  const output: AuditOutput =
    options.target === "-" ? streamOutput(options.stdout ?? process.stdout, "stdout") : fileOutput(options.target);
  const writer = new AuditWriter({
    output,
    log: options.log,
    clock: options.clock ?? systemClock,
    ...(options.onLost ? { onLost: options.onLost } : {}),
    ...(options.retryMs !== undefined ? { retryMs: options.retryMs } : {}),
  });
  try {
    await writer.start();
  } catch (error) {
    throw new Error(`--audit-log: cannot open '${options.target}' for appending: ${(error as Error).message}`);
  }
  return {
    sink: {
      emit(event) {
        const record = auditRecordOf(event);
        if (record) writer.append(record);
      },
    },
    admit: options.required
      ? (op) => {
          // --audit-required: serve nothing unaudited. The cause was logged once when the trail failed.
          if (writer.unavailable && isAuditedCall(op)) {
            throw serviceError("InternalError", "An internal error occurred.");
          }
        }
      : undefined,
    reopen: () => writer.reopen(),
    lostEvents: () => writer.lostEvents,
    stop: () => writer.stop(),
  };
}
