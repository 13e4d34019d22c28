import type { AddressInfo } from "node:net";
import type { Config } from "../config/index.js";
import { iamOperations } from "../iam/index.js";
import { identityAdminOperations } from "../identity/index.js";
import { buildRegistry } from "../protocol/index.js";
import { createHttpServer, type GetRoute, type RootLogger } from "../server/index.js";
import { type Clock, cryptoIds, type IdSource, systemClock } from "../shared/index.js";
import { cachedStore, openSqliteStore, type Store } from "../store/index.js";
import { Keyring, sessionCredentialLookup } from "../sts/index.js";
import { ensureSigningKey } from "../tokens/index.js";
import { createAuthenticator } from "./authenticate.js";
import { type RootCredentials, resolveRootCredentials } from "./root-credentials.js";

export interface AppOptions {
  readonly config: Config;
  readonly log: RootLogger;
  readonly clock?: Clock;
  readonly ids?: IdSource;
}

export interface RunningApp {
  /** `http://HOST:PORT` with the real port. */
  readonly url: string;
  readonly port: number;
  readonly store: Store;
  readonly rootCredentials: RootCredentials;
  stop(): Promise<void>;
}

function openStore(config: Config): Store {
  if (config.databaseUrl) {
    // TODO(#6): PostgreSQL store; until then refuse clearly rather than ignore the setting.
    throw new Error("--database-url: PostgreSQL support is not built yet; omit it to use the embedded SQLite store");
  }
  return cachedStore(openSqliteStore(config.dataDir));
}

/** The composition root: the one place that picks implementations and wires modules together. */
export async function startApp(options: AppOptions): Promise<RunningApp> {
  const { config, log } = options;
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? cryptoIds;
  const store = openStore(config);
  await store.migrate();
  const rootCredentials = await resolveRootCredentials(store, config.rootCredentials, ids);
  const keyring = new Keyring(store, clock, ids);
  await keyring.start();
  await ensureSigningKey(store, config.region, clock, ids);
  const authenticate = createAuthenticator(
    rootCredentials,
    config.accountId,
    sessionCredentialLookup(keyring, clock),
    clock,
  );
  const domain = { store, clock, ids, region: config.region, accountId: config.accountId };
  const registry = buildRegistry([
    ...iamOperations({ ...domain, allowHttpProviders: config.allowHttpProviders }),
    ...identityAdminOperations(domain),
  ]);
  const getRoutes = new Map<string, GetRoute>([
    [
      "/healthz",
      async () => {
        try {
          await store.ping();
          return { status: 200, body: { status: "ok" } };
        } catch {
          return { status: 503, body: { status: "unavailable", reason: "store did not answer" } };
        }
      },
    ],
  ]);
  const server = createHttpServer({ registry, authenticate, log, getRoutes });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const hostForUrl = config.host.includes(":") ? `[${config.host}]` : config.host;
  return {
    url: `http://${hostForUrl}:${port}`,
    port,
    store,
    rootCredentials,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await store.close();
    },
  };
}
