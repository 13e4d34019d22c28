/**
 * The oldest entry of a Map used as a bounded cache (insertion order = age), in constant time.
 *
 * `map.keys().next()` starts at the table's first slot and steps over every entry deleted there.
 * A cache that drops its first entry for each one it adds leaves a run of such holes at the front,
 * thousands long between two of V8's rehashes: at 10,000 entries, `keys().next()` then cost 8–14 µs
 * a call on this project's VM, against 0.15 µs here (bench/HISTORY.md). One iterator is kept
 * instead: a Map iterator is live (ECMA-262 §24.1.5.1 CreateMapIterator: it skips entries deleted
 * after it was made and visits entries added after it), and every entry it has passed was evicted
 * through it, so the next live entry it reaches is the oldest.
 */
export class OldestFirst<K, V> {
  private iterator: Iterator<[K, V]>;

  constructor(private readonly map: Map<K, V>) {
    this.iterator = map.entries();
  }

  /** Deletes the oldest entry and returns it; undefined when the map is empty. */
  evict(): readonly [K, V] | undefined {
    let next = this.iterator.next();
    // An iterator that reached the end once stays done (§24.1.5.1): the map was empty, start again.
    if (next.done === true) {
      this.iterator = this.map.entries();
      next = this.iterator.next();
      if (next.done === true) return undefined;
    }
    this.map.delete(next.value[0]);
    return next.value;
  }

  /** Makes room for one more entry under `limit`: evicts the oldest when the map is full, and returns it. */
  makeRoom(limit: number): readonly [K, V] | undefined {
    return this.map.size >= limit ? this.evict() : undefined;
  }
}
