/** Keys per query; a larger backlog goes out as several queries. */
export const MAX_BATCH = 64;

interface Waiter<K, R> {
  readonly key: K;
  readonly resolve: (result: R) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Reads by key that share round trips under load, the way group commit shares a disk flush: a
 * read goes to the database at once while fewer than `maxInFlight` queries of this batcher are
 * running; otherwise it waits for one to finish and then goes out with every read that queued
 * meanwhile, as one query. When idle, nothing waits; under load one round trip serves several
 * requests, which costs idpool and the PostgreSQL backend much less than one each. (Waiting for
 * the end of the event loop's turn instead was measured slower: it holds every read back while
 * the database sits idle.)
 *
 * `load` answers one result per key, in the order given. If it fails, every read of that query
 * fails, and so does every read queued behind it.
 */
export class ReadBatcher<K, R> {
  private queued: Waiter<K, R>[] = [];
  private inFlight = 0;

  constructor(
    private readonly load: (keys: readonly K[]) => Promise<readonly R[]>,
    private readonly maxInFlight: number,
  ) {}

  read(key: K): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queued.push({ key, resolve, reject });
      if (this.inFlight < this.maxInFlight) this.send();
    });
  }

  private send(): void {
    const batch = this.queued.splice(0, MAX_BATCH);
    if (batch.length === 0) return;
    this.inFlight += 1;
    void this.run(batch).finally(() => {
      this.inFlight -= 1;
      this.send();
    });
  }

  private async run(batch: readonly Waiter<K, R>[]): Promise<void> {
    try {
      const results = await this.load(batch.map((w) => w.key));
      for (const [i, w] of batch.entries()) w.resolve(results[i] as R);
    } catch (error) {
      // The database failed this query (down, unreachable, timing out): the reads queued behind
      // it would wait for a query of their own only to fail the same way, so they fail now.
      for (const w of [...batch, ...this.queued.splice(0)]) w.reject(error);
    }
  }
}
