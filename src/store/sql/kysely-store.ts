import { type Kysely, Migrator, sql, type Transaction } from "kysely";
import { withConfigVersionBump } from "../configuration-wrappers.js";
import { migrationProvider } from "../migrations/index.js";
import type { Repositories, Store } from "../store.js";
import { bumpConfigVersion, identityPoolRepository, oidcProviderRepository } from "./admin-repositories.js";
import { identityRepository } from "./identity-repository.js";
import { sealingKeyRepository, signingKeyRepository } from "./key-repositories.js";
import { loginRepository } from "./login-repository.js";
import { policyRepository } from "./policy-repository.js";
import { revocationRepository } from "./revocation-repository.js";
import { roleRepository } from "./role-repository.js";
import type { Database } from "./schema.js";
import { settingRepository } from "./setting-repository.js";

export interface TransactionOptions {
  /**
   * The transaction's correctness rests on rows it only reads and nobody else writes (a "no
   * current key" check), so engines with snapshot isolation must run it fully serializable.
   */
  readonly serializable?: boolean;
}

/**
 * How an engine runs one transaction. SQLite has one writer, and its dialect begins every
 * transaction IMMEDIATE (sqlite/open.ts), so one attempt is enough; PostgreSQL picks an isolation
 * level and retries conflicts (postgres/transaction.ts).
 */
export type TransactionRunner = <T>(
  db: Kysely<Database>,
  fn: (trx: Transaction<Database>) => Promise<T>,
  options?: TransactionOptions,
) => Promise<T>;

export const plainTransaction: TransactionRunner = (db, fn) => db.transaction().execute(fn);

export interface EngineOptions {
  readonly runTransaction?: TransactionRunner;
  /** Applies migrations; the default uses `db` itself. */
  readonly migrate?: () => Promise<void>;
}

/** The repositories on `db` (the database or one transaction); configuration writes bump on the same `db`. */
function repositories(db: Kysely<Database>, run: TransactionRunner): Repositories {
  const plain: Repositories = {
    oidcProviders: oidcProviderRepository(db),
    roles: roleRepository(db),
    policies: policyRepository(db),
    pools: identityPoolRepository(db),
    identities: identityRepository(db),
    logins: loginRepository(db),
    settings: settingRepository(db),
    signingKeys: signingKeyRepository(db, run),
    sealingKeys: sealingKeyRepository(db),
    revocations: revocationRepository(db),
  };
  return withConfigVersionBump(plain, () => bumpConfigVersion(db));
}

/** Applies every pending migration; Kysely's Migrator holds a lock while it does. */
export async function migrateToLatest<DB>(db: Kysely<DB>): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error || failed) {
    const cause = error instanceof Error ? error.message : String(error ?? "");
    throw new Error(`database migration ${failed?.migrationName ?? ""} failed: ${cause}`);
  }
}

/** The Store over any Kysely dialect; engine folders only open the connection. */
export function kyselyStore(db: Kysely<Database>, engine: EngineOptions = {}): Store {
  const run = engine.runTransaction ?? plainTransaction;
  const base = repositories(db, run);
  const transaction = <T>(fn: (tx: Repositories) => Promise<T>): Promise<T> =>
    run(db, (trx) => fn(repositories(trx, run)));
  return {
    ...base,
    pools: {
      ...base.pools,
      // A pool and its identities go together or not at all.
      delete: (poolId) => transaction((tx) => tx.pools.delete(poolId)),
    },
    transaction,
    migrate: engine.migrate ?? (() => migrateToLatest(db)),
    async configVersion() {
      const row = await db.selectFrom("config_version").select("version").where("id", "=", 1).executeTakeFirstOrThrow();
      return Number(row.version);
    },
    async ping() {
      await sql`select 1`.execute(db);
    },
    async close() {
      await db.destroy();
    },
  };
}
