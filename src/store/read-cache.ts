/** The caches behind cached-store.ts. */
type Getter<T> = (key: string) => Promise<T | undefined>;

/**
 * Runs a write with its cache drop around it: before it (no read starts from the old value), after
 * it (a read made meanwhile may have kept the old value), and, in a transaction (`touched` given),
 * once more after the transaction ends, for a read between the write and the commit.
 */
export async function droppingAround<T>(
  drop: () => void,
  touched: Set<() => void> | undefined,
  write: () => Promise<T>,
): Promise<T> {
  drop();
  touched?.add(drop);
  try {
    return await write();
  } finally {
    drop();
  }
}

/** A per-key read cache; writes through this process drop the key. */
export class ReadCache<T> {
  private readonly entries = new Map<string, Promise<T | undefined>>();
  constructor(private readonly normalise: (key: string) => string = (k) => k) {}

  get(key: string, load: Getter<T>): Promise<T | undefined> {
    const k = this.normalise(key);
    let hit = this.entries.get(k);
    if (!hit) {
      hit = load(key);
      this.entries.set(k, hit);
      // A failed read must not stick.
      hit.catch(() => this.entries.delete(k));
    }
    return hit;
  }

  drop(key: string): void {
    this.entries.delete(this.normalise(key));
  }

  clear(): void {
    this.entries.clear();
  }
}

/**
 * Confirms the cache is current against the store's configuration version. Reads are batched:
 * a caller waits for a version read that started after it arrived (never one already in flight,
 * which could predate a write it must see), and every caller arriving meanwhile shares that read.
 */
export class VersionGate {
  private seen: number | undefined;
  private inFlight: Promise<void> | undefined;
  private next: Promise<void> | undefined;

  private lastReadAtMs = Number.NEGATIVE_INFINITY;

  /**
   * `staleForMs` > 0 trades freshness for reads: a check within that long of the last version read
   * passes at once, so other processes' changes are seen within that time instead of on the next
   * read (the gateway's "within seconds"; serve keeps 0, every cached read checks).
   */
  constructor(
    private readonly read: () => Promise<number>,
    private readonly onChange: () => void,
    private readonly staleForMs = 0,
    private readonly nowMs: () => number = Date.now,
  ) {}

  check(): Promise<void> {
    if (this.staleForMs > 0 && this.nowMs() - this.lastReadAtMs < this.staleForMs) return Promise.resolve();
    if (!this.inFlight) {
      this.inFlight = this.run().finally(() => {
        this.inFlight = undefined;
      });
      return this.inFlight;
    }
    // One is running but may have started before we arrived: queue behind it for a fresh read.
    this.next ??= this.inFlight.then(
      () => {
        this.next = undefined;
        return this.check();
      },
      () => {
        this.next = undefined;
        return this.check();
      },
    );
    return this.next;
  }

  private async run(): Promise<void> {
    const startedAtMs = this.nowMs();
    const version = await this.read();
    this.lastReadAtMs = startedAtMs;
    if (this.seen !== undefined && version !== this.seen) this.onChange();
    this.seen = version;
  }
}

/** The caches of one repository's cached reads, which all take the same key; a write drops it from each. */
export class RepositoryCache {
  private readonly reads = new Map<string, ReadCache<unknown>>();
  constructor(private readonly sameKey: ((key: string) => string) | undefined) {}

  of(method: string): ReadCache<unknown> {
    let cache = this.reads.get(method);
    if (!cache) {
      cache = new ReadCache(this.sameKey);
      this.reads.set(method, cache);
    }
    return cache;
  }

  drop(key: string): void {
    for (const cache of this.reads.values()) cache.drop(key);
  }

  clear(): void {
    for (const cache of this.reads.values()) cache.clear();
  }
}
