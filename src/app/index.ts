import type { Config } from "../config/index.js";
import { iamOperations } from "../iam/index.js";
import { identityOperations } from "../identity/index.js";
import { inspectProviderChains, OidcVerifier } from "../oidc/index.js";
import { buildRegistry } from "../protocol/index.js";
import { createHttpServer, type PrefixRoute, type RootLogger } from "../server/index.js";
import {
  type Clock,
  closeServer,
  cryptoIds,
  type EventSink,
  fanOut,
  type IdSource,
  listenOn,
  systemClock,
} from "../shared/index.js";
import type { Store } from "../store/index.js";
import { RoleAssumer, stsOperations } from "../sts/index.js";
import { createRecentRefusals } from "../telemetry/index.js";
import { ensureSigningKey, OpenIdTokenIssuer, SigningKeySet } from "../tokens/index.js";
import { createAuthenticator, startSessionChecks } from "./authenticate.js";
import { CONSOLE_PREFIX, consoleRoute, redirectToConsole } from "./console-route.js";
import { type DevAppOptions, type DevStack, startDevStack } from "./dev-stack.js";
import { buildGetRoutes } from "./get-routes.js";
import { openConfiguredStore } from "./open-store.js";
import { type RootCredentials, resolveRootCredentials } from "./root-credentials.js";
import { applyStartupSetup, readSetupFile, testProvidersOf } from "./startup-setup.js";
import { Teardown } from "./teardown.js";
import { startTelemetry } from "./telemetry.js";

export { rotateTestProviderKey } from "../dev/index.js";
export type { RootLogger } from "../server/index.js";
export { DEV_POOL_GUID } from "./dev-setup.js";
export type { DevAppOptions, DevStack } from "./dev-stack.js";
export { startGateway } from "./gateway.js";
export { createLogger, flushLogs } from "./logger.js";
export { openConfiguredStore } from "./open-store.js";
export type { RootCredentials } from "./root-credentials.js";
export { startCluster, startClusterWorker } from "./workers.js";

export interface AppOptions {
  readonly config: Config;
  readonly log: RootLogger;
  readonly clock?: Clock;
  readonly ids?: IdSource;
  /** Several processes serve from this store (`--workers`); see openConfiguredStore. */
  readonly sharedWithOtherProcesses?: boolean;
  /** `idpool dev`: the built-in test providers (never set by `serve`). */
  readonly dev?: DevAppOptions;
  /** More receivers of the service's events (tests record them here). */
  readonly eventSinks?: readonly EventSink[];
  /** The web console's built files (default: the package's console/dist/; tests pass a folder). */
  readonly consoleDir?: URL;
}

export interface RunningApp {
  /** `http://HOST:PORT` with the real port. */
  readonly url: string;
  readonly port: number;
  readonly store: Store;
  readonly rootCredentials: RootCredentials;
  /** Set under `idpool dev`. */
  readonly dev?: DevStack;
  /** `http://HOST:PORT/metrics` with the real port, when `--metrics-port` is set (README: Metrics). */
  readonly metricsUrl?: string;
  stop(): Promise<void>;
}

/** The composition root: the one place that picks implementations and wires modules together. */
export function startApp(options: AppOptions): Promise<RunningApp> {
  const teardown = new Teardown();
  return teardown.guard(() => assembleApp(options, teardown));
}

async function assembleApp(options: AppOptions, teardown: Teardown): Promise<RunningApp> {
  const { config, log } = options;
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? cryptoIds;
  const setup = await readSetupFile(config.setupFile, options.dev !== undefined);
  // Store query durations go to the metrics, which start later (telemetry needs the registry).
  let onStoreQuery: ((durationMs: number) => void) | undefined;
  const timeQueries = config.telemetry.metricsPort === undefined ? undefined : (ms: number) => onStoreQuery?.(ms);
  const store = openConfiguredStore(config, {
    sharedWithOtherProcesses: options.sharedWithOtherProcesses ?? false,
    log,
    ...(timeQueries ? { onQueryDuration: timeQueries } : {}),
  });
  teardown.add(() => store.close());
  await store.migrate();
  const rootCredentials = await resolveRootCredentials(store, config.rootCredentials, ids);
  const sessions = await startSessionChecks(store, rootCredentials, config.accountId, { clock, ids, log });
  teardown.add(() => sessions.stop());
  const { keyring, revocations } = sessions;
  await ensureSigningKey(store, config.region, clock, ids);
  const authenticate = createAuthenticator(sessions.lookup, clock, revocations);
  // The receivers are filled in once telemetry has started, after the registry (quotas need its
  // operation names); fanOut reads the list on each event, and none is emitted before then.
  const sinks: EventSink[] = [];
  const events = fanOut(sinks, (err) => log.error({ err }, "an event receiver failed"));
  const domain = { store, clock, ids, region: config.region, accountId: config.accountId, events, revocations };
  // The service's own URL, known once listening when the port is chosen by the OS.
  let url = "";
  const devSpecs = options.dev ? (options.dev.providers ?? testProvidersOf(setup)) : undefined;
  const dev = devSpecs ? await startDevStack(devSpecs, { store, clock, ids, log, baseUrl: () => url }) : undefined;
  const httpProviderUrls = dev ? { httpProviderUrls: dev.httpProviderUrls } : {};
  const verifier = new OidcVerifier({
    clock,
    log,
    events,
    onKeyDiscontinuity: config.telemetry.onKeyDiscontinuity,
    // Refused key sets and their acceptances, seen by every process on the store (README: Key-continuity watch).
    keyDecisions: store.settings,
    trust: {
      trustPublicCa: config.trustPublicCa,
      allowHttpProviders: config.allowHttpProviders,
      ...httpProviderUrls,
      ...(config.extraCaPem ? { extraCaPem: config.extraCaPem } : {}),
    },
  });
  teardown.add(() => verifier.close());
  // The issuer is the public URL, known only once listening when the port is chosen by the OS.
  let publicUrl = config.publicUrl ?? "";
  const signingKeys = new SigningKeySet(store, clock);
  const tokens = new OpenIdTokenIssuer(signingKeys, clock, () => publicUrl);
  const sts = { store, clock, ids, accountId: config.accountId, keyring, verifier, tokens, events, revocations };
  const assumer = new RoleAssumer(sts);
  // The console's recent refusals: this process's last 200 login_refused events (README: What it serves).
  const recentRefusals = createRecentRefusals(clock);
  const operations = [
    ...iamOperations({
      ...domain,
      allowHttpProviders: config.allowHttpProviders,
      ...httpProviderUrls,
      providerKeys: { accept: (providerUrl, kids) => verifier.acceptKeys(providerUrl, kids) },
      // `idpool thumbprint`'s inspection, trusting what the verifier trusts (--extra-ca-file).
      providerChains: (providerUrl) =>
        inspectProviderChains(providerUrl, config.extraCaPem ? { extraCaPem: config.extraCaPem } : {}),
    }),
    ...identityOperations(
      { ...domain, verifier, tokens, assumer, publicProviders: config.publicProviders },
      { recentRefusals },
    ),
    ...stsOperations({ ...sts, assumer }),
  ];
  const registry = buildRegistry(operations);
  const telemetry = await startTelemetry({
    config,
    log,
    clock,
    operationNames: operations.map((op) => op.name),
    metrics: {
      store,
      providerKeys: (provider) => verifier.describeKeys({ ...provider, clientIds: [] }),
      signingKeyCreatedAtMs: async () => (await signingKeys.current()).createdAtMs,
    },
  });
  teardown.add(() => telemetry.stop());
  onStoreQuery = telemetry.onStoreQuery;
  sinks.push(recentRefusals, ...telemetry.sinks, ...(options.eventSinks ?? []));
  const getRoutes = buildGetRoutes(store, signingKeys, () => publicUrl);
  // The web console, in serve and dev alike: GET / and GET /console lead to it.
  getRoutes.set("/", redirectToConsole).set("/console", redirectToConsole);
  const prefixRoutes = new Map<string, PrefixRoute>([
    [CONSOLE_PREFIX, consoleRoute(options.consoleDir)],
    ...(dev ? dev.prefixRoutes : []),
  ]);
  const server = createHttpServer({
    registry,
    authenticate,
    events,
    ...(telemetry.admit ? { admit: telemetry.admit } : {}),
    log,
    getRoutes,
    prefixRoutes,
  });
  const listening = await listenOn(server, config.host, config.port);
  teardown.add(() => closeServer(server));
  const { port } = listening;
  url = listening.url;
  publicUrl ||= url;
  const startup = { registry, log, accountId: config.accountId, region: config.region };
  await applyStartupSetup({ ...startup, rootAccessKeyId: rootCredentials.accessKeyId }, setup, dev?.providers);
  return {
    url,
    port,
    store,
    rootCredentials,
    ...(dev ? { dev } : {}),
    ...(telemetry.metricsUrl ? { metricsUrl: telemetry.metricsUrl } : {}),
    stop: () => teardown.stop(),
  };
}
