import cluster, { type Worker } from "node:cluster";
import type { Config } from "../config/index.js";
import type { RootLogger } from "../server/index.js";
import { type Clock, cryptoIds, httpUrlOf, type IdSource, systemClock } from "../shared/index.js";
import { claimDataDir } from "../store/index.js";
import { Keyring } from "../sts/index.js";
import { startClusterMetrics } from "../telemetry/index.js";
import { ensureSigningKey } from "../tokens/index.js";
import { type RunningApp, startApp } from "./index.js";
import { openConfiguredStore } from "./open-store.js";
import { type RootCredentials, resolveRootCredentials } from "./root-credentials.js";

/** A worker that has not exited this long after SIGTERM is killed (its connections are dropped). */
const STOP_GRACE_MS = 10_000;

export interface ClusterOptions {
  readonly config: Config;
  readonly log: RootLogger;
  readonly clock?: Clock;
  readonly ids?: IdSource;
}

export interface RunningCluster {
  /** `http://HOST:PORT`, the port every worker shares. */
  readonly url: string;
  readonly rootCredentials: RootCredentials;
  /** `http://HOST:PORT/metrics`: the primary serves the scrapes for every worker (README: Metrics). */
  readonly metricsUrl?: string;
  /** Resolves with the exit code the primary should end with once every worker is gone. */
  readonly finished: Promise<number>;
  stop(): Promise<number>;
}

/**
 * What must happen once, before any worker starts: migrations, the generated root credentials
 * (so they are printed once, by the primary), the sealing keyring and the signing key. Workers then
 * find all of it in the store and create nothing, so they cannot race each other to create it.
 */
async function prepareStore(options: ClusterOptions): Promise<RootCredentials> {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? cryptoIds;
  const store = openConfiguredStore(config, { sharedWithOtherProcesses: true });
  try {
    await store.migrate();
    const root = await resolveRootCredentials(store, config.rootCredentials, ids);
    await new Keyring(store, clock, ids).start();
    await ensureSigningKey(store, config.region, clock, ids);
    return root;
  } finally {
    await store.close();
  }
}

/**
 * The primary of `idpool serve --workers N` (node:cluster): prepares the store, forks N workers
 * that each run the whole app on the same port, and resolves once all of them listen. With
 * `--port 0` the workers share the port the first one is given: cluster's primary owns the
 * listening handle and hands each worker the same one (Node docs, cluster, "server.listen(0)").
 * A worker that dies after it listened is replaced; one that dies while starting stops them all.
 */
export async function startCluster(options: ClusterOptions): Promise<RunningCluster> {
  const { config, log } = options;
  // Held while the cluster runs: its workers share the store among themselves, and a single-process
  // serve beside them would cache identities they change (open-store.ts).
  const claim = config.databaseUrl ? undefined : claimDataDir(config.dataDir);
  const rootCredentials = await prepareStore(options).catch((error: unknown) => {
    claim?.release();
    throw error;
  });
  // One metrics listener, here: it gathers every worker's metrics on each scrape; workers open none.
  const metrics =
    config.telemetry.metricsPort === undefined ? undefined : await startClusterMetrics(config.telemetry, log);
  // Our own bookkeeping: cluster.workers still lists a worker in its "exit" event until its IPC
  // channel has closed too.
  const workers = new Set<Worker>();
  const ports = new Map<Worker, number>();
  let stopping = false;
  let failed = false;
  let finish: (code: number) => void = () => {};
  const finished = new Promise<number>((resolve) => {
    finish = resolve;
  });
  void finished.then(() => {
    metrics?.close();
    claim?.release();
  });
  const stopAll = (): Promise<number> => {
    if (!stopping) {
      stopping = true;
      if (workers.size === 0) finish(failed ? 1 : 0);
      for (const worker of workers) worker.process.kill("SIGTERM");
      setTimeout(() => {
        for (const worker of workers) worker.process.kill("SIGKILL");
      }, STOP_GRACE_MS).unref();
    }
    return finished;
  };
  const fork = () => workers.add(cluster.fork());
  const ready = new Promise<void>((resolve, reject) => {
    cluster.on("listening", (worker, address) => {
      ports.set(worker, address.port);
      if (ports.size === config.workers) resolve();
    });
    cluster.on("exit", (worker, code, signal) => {
      workers.delete(worker);
      const wasListening = ports.delete(worker);
      // Exit 0 is a deliberate stop: ours, or a signal sent to the whole process group (Ctrl-C).
      if (!stopping && code !== 0) {
        log.error({ worker: worker.id, code, signal }, "worker exited");
        if (wasListening) {
          fork();
          return;
        }
        failed = true;
        reject(new Error(`a worker exited while starting (code ${code}, signal ${signal}); see the log`));
        void stopAll();
      }
      if (workers.size === 0) {
        stopping = true;
        finish(failed ? 1 : 0);
      }
    });
  });
  for (let i = 0; i < config.workers; i++) fork();
  await ready;
  const distinct = new Set(ports.values());
  const port = [...distinct][0];
  if (distinct.size !== 1 || port === undefined) {
    failed = true;
    await stopAll();
    throw new Error(`workers listen on different ports: ${[...distinct].join(", ")}`);
  }
  const url = httpUrlOf(config.host, port);
  return { url, rootCredentials, ...(metrics ? { metricsUrl: metrics.url } : {}), finished, stop: stopAll };
}

/**
 * One worker of `--workers N`: the whole app, on a store other processes write too, so its
 * configuration cache checks the store's configuration version on every read.
 */
export function startClusterWorker(options: ClusterOptions): Promise<RunningApp> {
  return startApp({
    config: options.config,
    log: options.log,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.ids ? { ids: options.ids } : {}),
    sharedWithOtherProcesses: true,
  });
}
