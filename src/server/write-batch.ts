/**
 * Runs the response writes that became ready in one turn of the event loop together, in its check
 * phase (setImmediate), rather than each as soon as its answer is known. Each write to a socket
 * wakes its reader; a reader whose CPU has gone idle is woken by an interrupt between CPUs, which
 * in a virtual machine most likely costs the writer a VM exit in system time (the system time a
 * request fell with batching; the kernel was not traced). Written back to back, the
 * responses of one turn find their readers already awake after the first. On this project's VM,
 * with the load generator on the other CPU, GetId went from 87 to 48 µs of CPU a request
 * (bench/HISTORY.md, 2026-12-06 20:30: batched writes).
 * A write that throws is handed to `onError`, and the rest of the batch still runs.
 */
export class WriteBatch<Target> {
  private pending: Array<{ target: Target; write: () => void }> = [];

  constructor(private readonly onError: (error: unknown, target: Target) => void) {}

  /** `target` is what `onError` is told of if `write` throws. */
  add(target: Target, write: () => void): void {
    // The first write of a turn schedules the flush; the flush empties the list before it runs.
    if (this.pending.push({ target, write }) === 1) setImmediate(this.flush);
  }

  private readonly flush = (): void => {
    const writes = this.pending;
    this.pending = [];
    for (const { target, write } of writes) {
      try {
        write();
      } catch (error) {
        this.onError(error, target);
      }
    }
  };
}
