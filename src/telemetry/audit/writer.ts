/**
 * Writes the audit trail without ever making a request wait (README: Audit trail): events are
 * queued and sealed into hash-chained lines by one asynchronous loop, and every file operation
 * (write, reopen, close) runs one after another so the chain has a single order.
 */
import { type Clock, isoTime, type Logger } from "../../shared/index.js";
import { CHAIN_START, type ChainEnd, sealLines, type TimedEvent } from "./chain.js";
import type { AuditOutput } from "./output.js";
import type { AuditEvent } from "./records.js";

/** Events waiting beyond this are dropped and counted rather than growing memory without bound. */
export const MAX_QUEUED_EVENTS = 100_000;
/** Lines sealed into one write. */
const MAX_BATCH = 1000;
/** How often a failing trail tries to open its file again and write. */
const RETRY_MS = 1000;
/**
 * Events are gathered this long before they are sealed and written: one write per batch rather
 * than one per request, at the price of lines reaching the file up to this much later. A write
 * costs its process about 125 µs of CPU whatever its size (the promise machinery and the hop
 * through the thread pool; fs.writeSync blocks), a cost per second, not per request: every 20 ms
 * it took 2–3 % of a server serving a third of a CPU (README: Audit trail). A full batch is
 * written at once; stop() writes all.
 */
export const GATHER_MS = 100;

interface Pending extends TimedEvent {
  readonly event: AuditEvent;
}

export interface AuditWriterOptions {
  readonly output: AuditOutput;
  readonly log: Logger;
  readonly clock: Clock;
  readonly maxQueued?: number;
  readonly retryMs?: number;
  /** Told of every event the trail could not record (a metric's counter). */
  readonly onLost?: (count: number) => void;
}

export class AuditWriter {
  private readonly queue: Pending[] = [];
  private readonly maxQueued: number;
  private end: ChainEnd = CHAIN_START;
  /** Events lost since the last `events_lost` line; the next line written says how many. */
  private unrecorded = 0;
  private lost = 0;
  private failing = false;
  /** Each failure and each overflow is logged once, not once per event. */
  private failureLogged = false;
  private overflowLogged = false;
  private stopped = false;
  private drainScheduled = false;
  private io: Promise<void> = Promise.resolve();
  private retry: NodeJS.Timeout | undefined;

  constructor(private readonly options: AuditWriterOptions) {
    this.maxQueued = options.maxQueued ?? MAX_QUEUED_EVENTS;
  }

  /** Opens the file; a trail that cannot even be opened is a configuration mistake (throws at start). */
  start(): Promise<void> {
    return this.options.output.open();
  }

  /** Queues one event; never blocks and never throws. */
  append(event: AuditEvent): void {
    const full = this.queue.length >= this.maxQueued;
    if (this.stopped || this.failing || full) {
      if (full && !this.overflowLogged) {
        this.overflowLogged = true;
        this.options.log.error(
          { file: this.options.output.name, maxQueued: this.maxQueued },
          "the audit trail is not keeping up: events are lost (and counted) until it catches up",
        );
      }
      this.lose(1);
      return;
    }
    this.queue.push({ time: isoTime(this.options.clock.nowMs()), event });
    this.scheduleDrain();
  }

  /** True while events cannot be recorded: the last write failed, or the queue is full. */
  get unavailable(): boolean {
    return this.failing || this.queue.length >= this.maxQueued;
  }

  /** Every event lost since start: unwritable file, full queue, or emitted after stop. */
  get lostEvents(): number {
    return this.lost;
  }

  /**
   * Log rotation (SIGHUP): the file at the path is opened again and the chain goes on in it. What
   * was queued before the signal is written first, to the file that was open (the rotated one):
   * those events happened before the rotation, and a new path that cannot be opened loses none.
   */
  reopen(): Promise<void> {
    return this.serial(async () => {
      if (this.stopped) return;
      await this.writeQueued();
      const wasFailing = this.failing;
      await this.reopenNow();
      if (!wasFailing && !this.failing)
        this.options.log.info({ file: this.options.output.name }, "audit trail reopened");
    });
  }

  /** Writes everything queued, then closes the file. Events emitted after this are counted lost. */
  stop(): Promise<void> {
    return this.serial(async () => {
      await this.writeQueued();
      this.stopped = true;
      clearTimeout(this.retry);
      await this.options.output.close();
      if (this.unrecorded > 0) {
        this.options.log.warn({ file: this.options.output.name, lostEvents: this.unrecorded }, "audit trail stopped");
      }
    });
  }

  private lose(count: number): void {
    if (count === 0) return;
    this.lost += count;
    this.unrecorded += count;
    this.options.onLost?.(count);
  }

  private scheduleDrain(): void {
    if (this.drainScheduled) return;
    this.drainScheduled = true;
    const drain = () =>
      void this.serial(async () => {
        this.drainScheduled = false;
        // What was gathered until now. Events that arrive while it is written wait for the next
        // gathering: writing them at once made a file write per request or two under load (each
        // write lasts about as long as a request), each a trip to the thread pool and back.
        let gathered = this.queue.length;
        while (gathered > 0 && !this.failing) {
          const count = Math.min(gathered, MAX_BATCH);
          if (!(await this.writeBatch(count))) break;
          gathered -= count;
        }
        if (this.queue.length === 0) this.overflowLogged = false;
      });
    if (this.queue.length >= MAX_BATCH) drain();
    else setTimeout(drain, GATHER_MS).unref();
  }

  private async writeQueued(): Promise<void> {
    while (this.queue.length > 0 && !this.failing) await this.writeBatch();
  }

  /** Seals the next batch (after an `events_lost` line if events were lost) and writes it. */
  private async writeBatch(count = MAX_BATCH): Promise<boolean> {
    const batch = this.queue.splice(0, count);
    const marked = this.unrecorded;
    const sealed = sealLines(this.end, marked > 0 ? [this.lostNow(marked), ...batch] : batch);
    try {
      await this.options.output.write(sealed.text);
    } catch (error) {
      this.fail(error, batch.length);
      return false;
    }
    this.end = sealed.end;
    this.unrecorded -= marked;
    return true;
  }

  private lostNow(count: number): Pending {
    return { time: isoTime(this.options.clock.nowMs()), event: { type: "events_lost", count } };
  }

  private fail(error: unknown, count: number): void {
    this.lose(count + this.queue.splice(0).length);
    this.failing = true;
    if (!this.failureLogged) {
      this.failureLogged = true;
      this.options.log.error(
        { err: error, file: this.options.output.name },
        "the audit trail cannot be written: events are lost (and counted) until it can",
      );
    }
    if (!this.retry && !this.stopped) {
      this.retry = setTimeout(() => {
        this.retry = undefined;
        void this.serial(() => (this.failing && !this.stopped ? this.reopenNow() : Promise.resolve()));
      }, this.options.retryMs ?? RETRY_MS);
      this.retry.unref();
    }
  }

  /** Opens the path again; a failing trail is writable again once its `events_lost` line is written. */
  private async reopenNow(): Promise<void> {
    try {
      await this.options.output.open();
    } catch (error) {
      this.fail(error, 0);
      return;
    }
    if (!this.failing) return;
    this.failing = false;
    const lostEvents = this.unrecorded;
    if (!(await this.writeBatch())) return;
    this.failureLogged = false;
    this.options.log.info({ file: this.options.output.name, lostEvents }, "the audit trail can be written again");
    this.scheduleDrain();
  }

  /** Runs file operations one at a time; a task never rejects (failures go through `fail`). */
  private serial(task: () => Promise<void>): Promise<void> {
    this.io = this.io.then(task).catch((error: unknown) => {
      this.options.log.error({ err: error, file: this.options.output.name }, "audit trail writer failed");
    });
    return this.io;
  }
}
