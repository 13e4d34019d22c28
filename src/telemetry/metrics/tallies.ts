/**
 * Counting on the request path in plain numbers, handed to the registry when a scrape reads it.
 * prom-client's own children validate the label set, hash it and, for a histogram, find the bucket
 * by its bound as a property name on every call: about 1 µs a call on this project's VM, a dozen
 * calls per GetCredentialsForIdentity (its request, its credentials, each store query). Here a count
 * is one addition; the series still are prom-client's (counters) or read by its registry (histograms).
 */
import type { Counter, Metric, Registry } from "prom-client";

type CounterChild = ReturnType<Counter<string>["labels"]>;

/** One line of a series as prom-client's registry formats it. */
interface ExposedValue {
  readonly labels: Record<string, string | number>;
  readonly value: number;
  readonly metricName: string;
}

interface Flushable {
  flush(): void;
}

/** Every tally of a registry, flushed by the series' collect hooks before a scrape reads them. */
export class Tallies {
  private readonly all: Flushable[] = [];

  /** A counter child's increments, summed here until the next scrape. */
  counter(child: CounterChild): CounterTally {
    const tally = new CounterTally(child);
    this.all.push(tally);
    return tally;
  }

  flush(): void {
    for (const tally of this.all) tally.flush();
  }
}

export class CounterTally implements Flushable {
  private pending = 0;

  constructor(private readonly child: CounterChild) {}

  inc(): void {
    this.pending += 1;
  }

  flush(): void {
    if (this.pending === 0) return;
    this.child.inc(this.pending);
    this.pending = 0;
  }
}

/** One label set's buckets: `counts[i]` observations ≤ bounds[i] (and > bounds[i-1]); the last is +Inf. */
export class HistogramTally {
  private readonly counts: Float64Array;
  private sum = 0;
  private count = 0;

  constructor(
    private readonly bounds: readonly number[],
    readonly labels: Readonly<Record<string, string>>,
  ) {
    this.counts = new Float64Array(bounds.length + 1);
  }

  reset(): void {
    this.counts.fill(0);
    this.sum = 0;
    this.count = 0;
  }

  observe(value: number): void {
    if (!Number.isFinite(value)) return;
    let i = 0;
    while (i < this.bounds.length && value > (this.bounds[i] ?? 0)) i++;
    this.counts[i] = (this.counts[i] ?? 0) + 1;
    this.sum += value;
    this.count += 1;
  }

  /** Prometheus' exposition: cumulative `_bucket` lines by `le`, then `_sum` and `_count`. */
  values(name: string): ExposedValue[] {
    const out: ExposedValue[] = [];
    let cumulative = 0;
    for (const [i, bound] of this.bounds.entries()) {
      cumulative += this.counts[i] ?? 0;
      out.push({ labels: { le: bound, ...this.labels }, value: cumulative, metricName: `${name}_bucket` });
    }
    out.push({ labels: { le: "+Inf", ...this.labels }, value: this.count, metricName: `${name}_bucket` });
    out.push({ labels: { ...this.labels }, value: this.sum, metricName: `${name}_sum` });
    out.push({ labels: { ...this.labels }, value: this.count, metricName: `${name}_count` });
    return out;
  }
}

export interface HistogramConfig {
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly string[];
  readonly buckets: readonly number[];
  readonly registers: readonly Registry[];
}

/**
 * A histogram series read by prom-client's registry: it asks a metric for its name, help, type and
 * `get()` (values with labels and metric names, the shape prom-client's Histogram returns), and
 * `aggregator` to sum workers' series (prom-client's cluster.js registers such plain objects itself).
 */
export class HistogramSeries {
  readonly type = "histogram";
  readonly aggregator = "sum";
  readonly name: string;
  readonly help: string;
  private readonly bounds: readonly number[];
  private readonly labelNames: readonly string[];
  private readonly children = new Map<string, HistogramTally>();

  constructor(config: HistogramConfig) {
    this.name = config.name;
    this.help = config.help;
    this.bounds = [...config.buckets].sort((a, b) => a - b);
    this.labelNames = config.labelNames;
    for (const registry of config.registers) registry.registerMetric(this as unknown as Metric);
  }

  /** The tally of one label set (values in `labelNames` order), made once; keep it. */
  labels(...values: string[]): HistogramTally {
    const key = values.join("\u0000");
    let child = this.children.get(key);
    if (!child) {
      const labels = Object.fromEntries(this.labelNames.map((label, i) => [label, values[i] ?? ""]));
      child = new HistogramTally(this.bounds, labels);
      this.children.set(key, child);
    }
    return child;
  }

  async get() {
    const values = [...this.children.values()].flatMap((child) => child.values(this.name));
    return { name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator };
  }

  /** prom-client's registry.resetMetrics(): every count back to zero; the children stay valid. */
  reset(): void {
    for (const child of this.children.values()) child.reset();
  }
}
