import type { Config, GatewaySettings } from "../config/index.js";
import { createGatewayServer, storePolicySource } from "../gateway/index.js";
import type { RootLogger } from "../server/index.js";
import { type Clock, closeServer, cryptoIds, listenOn, systemClock } from "../shared/index.js";
import { startSessionChecks } from "./authenticate.js";
import { healthCheck } from "./get-routes.js";
import { openConfiguredStore } from "./open-store.js";
import { readRootCredentials } from "./root-credentials.js";

/** How stale the gateway's view of roles and policies may be ("within seconds", README). */
const VERSION_CHECK_INTERVAL_MS = 1000;

export interface GatewayAppOptions {
  readonly config: Config;
  readonly gateway: GatewaySettings;
  readonly log: RootLogger;
  readonly clock?: Clock;
}

export interface RunningGateway {
  /** `http://HOST:PORT` with the real port. */
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

/**
 * `idpool gateway`'s composition (README: "Protect your own API with idpool credentials"): the
 * store `serve` writes, always read as shared with other processes so that policy, role and
 * revocation changes are seen within seconds; the same credential lookup as `serve`'s signed
 * operations; the policies of the store. The gateway writes nothing but a sealing key when the
 * store has none yet (the keyring's rule), and never makes root credentials: until `serve` has
 * stored them (or they are set in the environment), only temporary credentials are accepted.
 */
export async function startGateway(options: GatewayAppOptions): Promise<RunningGateway> {
  const { config, gateway, log } = options;
  const clock = options.clock ?? systemClock;
  // Roles and policies change rarely; a change by serve is seen within VERSION_CHECK_INTERVAL_MS.
  const store = openConfiguredStore(config, {
    sharedWithOtherProcesses: true,
    versionCheckIntervalMs: VERSION_CHECK_INTERVAL_MS,
    log,
  });
  await store.migrate();
  const root = await readRootCredentials(store, config.rootCredentials);
  const sessions = await startSessionChecks(store, root, config.accountId, { clock, ids: cryptoIds, log });
  const server = createGatewayServer({
    settings: gateway,
    region: config.region,
    accountId: config.accountId,
    clock,
    lookup: sessions.lookup,
    revocations: sessions.revocations,
    policies: storePolicySource(store, config.accountId),
    log,
    accessLog: log.child({}, { redact: [] }),
    health: healthCheck(store),
  });
  const { url, port } = await listenOn(server, gateway.host, gateway.port);
  return {
    url,
    port,
    async stop() {
      await closeServer(server);
      sessions.stop();
      await store.close();
    },
  };
}
