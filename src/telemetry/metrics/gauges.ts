import { Gauge, type Registry } from "prom-client";
import type { Clock } from "../../shared/index.js";
import { type KnownNames, type ProviderTarget, providerName } from "./known-names.js";

/** What the key cache holds for a provider (oidc's `describeKeys`), if anything. */
export interface CachedProviderKeys {
  readonly fetchedAtMs: number;
}

/** Read at scrape time, through callbacks the app passes, so telemetry imports no domain module. */
export interface GaugeSources {
  /** The keys the verifier holds for a provider; undefined before its first fetch. */
  providerKeys(provider: ProviderTarget): CachedProviderKeys | undefined;
  /** When idpool's current signing key (its own OpenID tokens) was made. */
  signingKeyCreatedAtMs(): Promise<number>;
}

/** At most this many providers are remembered as having had a failed fetch. */
const MAX_TROUBLED = 1_000;

/**
 * When a provider's keys last could not be refreshed (a failed fetch) or a new key set was refused
 * (`--on-key-discontinuity refuse`). Keys fetched before that moment and still held are the last
 * good ones; a later successful fetch replaces them, which clears the flag by itself.
 */
export class KeyTrouble {
  private readonly atMs = new Map<string, number>();

  noteAt(url: string, nowMs: number): void {
    if (this.atMs.size >= MAX_TROUBLED && !this.atMs.has(url)) return;
    this.atMs.set(url, nowMs);
  }

  servingLastGood(url: string, keys: CachedProviderKeys): boolean {
    const troubleMs = this.atMs.get(url);
    return troubleMs !== undefined && keys.fetchedAtMs < troubleMs;
  }
}

interface ProviderKeysSample {
  readonly provider: string;
  readonly ageSeconds: number;
  readonly lastGood: boolean;
}

async function readProviderKeys(
  names: KnownNames,
  publicTargets: readonly ProviderTarget[],
  trouble: KeyTrouble,
  sources: GaugeSources | undefined,
  clock: Clock,
): Promise<readonly ProviderKeysSample[]> {
  if (!sources) return [];
  await names.settle();
  const nowMs = clock.nowMs();
  const read: ProviderKeysSample[] = [];
  for (const target of [...names.providers(), ...publicTargets]) {
    const keys = sources.providerKeys(target);
    if (!keys) continue;
    const ageSeconds = Math.max(0, (nowMs - keys.fetchedAtMs) / 1000);
    read.push({ provider: providerName(target.url), ageSeconds, lastGood: trouble.servingLastGood(target.url, keys) });
  }
  return read;
}

/**
 * The gauges, set on each scrape (prom-client's `collect`). With `--workers`, the primary keeps the
 * largest value of any worker: each worker has its own key cache (Prometheus "Instrumentation",
 * gauges of several processes: sum only what adds up).
 */
export function defineGauges(
  registers: Registry[],
  names: KnownNames,
  publicProviderUrls: readonly string[],
  trouble: KeyTrouble,
  sources: GaugeSources | undefined,
  clock: Clock,
  onError: (error: unknown) => void,
): void {
  const publicTargets = publicProviderUrls.map((url) => ({ url, thumbprints: [] }));
  // One read of the key cache serves both provider gauges of a scrape (prom-client collects them at once).
  let reading: Promise<readonly ProviderKeysSample[]> | undefined;
  const samples = () => {
    reading ??= readProviderKeys(names, publicTargets, trouble, sources, clock)
      .catch((error: unknown) => {
        onError(error);
        return [];
      })
      .finally(() => {
        reading = undefined;
      });
    return reading;
  };
  new Gauge({
    name: "idpool_provider_keys_age_seconds",
    help: "Age of the keys idpool holds for each provider (since they were fetched)",
    labelNames: ["provider"],
    aggregator: "max",
    registers,
    async collect() {
      const read = await samples();
      this.reset();
      for (const sample of read) this.set({ provider: sample.provider }, sample.ageSeconds);
    },
  });
  new Gauge({
    name: "idpool_provider_keys_last_good",
    help: "1 while a provider's last good keys are served because newer ones could not be fetched or were refused",
    labelNames: ["provider"],
    aggregator: "max",
    registers,
    async collect() {
      const read = await samples();
      this.reset();
      for (const sample of read) this.set({ provider: sample.provider }, sample.lastGood ? 1 : 0);
    },
  });
  new Gauge({
    name: "idpool_signing_key_age_seconds",
    help: "Age of the key idpool signs its own OpenID tokens with",
    aggregator: "max",
    registers,
    async collect() {
      if (!sources) return;
      try {
        this.set(Math.max(0, (clock.nowMs() - (await sources.signingKeyCreatedAtMs())) / 1000));
      } catch (error) {
        onError(error);
      }
    },
  });
}
