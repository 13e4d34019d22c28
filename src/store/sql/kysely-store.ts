import { type Kysely, Migrator, sql } from "kysely";
import { migrationProvider } from "../migrations/index.js";
import type { Repositories, Store } from "../store.js";
import { identityPoolRepository, oidcProviderRepository, roleRepository } from "./admin-repositories.js";
import { identityRepository, loginRepository, settingRepository } from "./identity-repositories.js";
import { sealingKeyRepository, signingKeyRepository } from "./key-repositories.js";
import type { Database } from "./schema.js";

function repositories(db: Kysely<Database>): Repositories {
  return {
    oidcProviders: oidcProviderRepository(db),
    roles: roleRepository(db),
    pools: identityPoolRepository(db),
    identities: identityRepository(db),
    logins: loginRepository(db),
    settings: settingRepository(db),
    signingKeys: signingKeyRepository(db),
    sealingKeys: sealingKeyRepository(db),
  };
}

/** The Store over any Kysely dialect; engine folders only open the connection. */
export function kyselyStore(db: Kysely<Database>): Store {
  const base = repositories(db);
  const transaction = <T>(fn: (tx: Repositories) => Promise<T>): Promise<T> =>
    db.transaction().execute((trx) => fn(repositories(trx)));
  return {
    ...base,
    pools: {
      ...base.pools,
      // A pool and its identities go together or not at all.
      delete: (poolId) => transaction((tx) => tx.pools.delete(poolId)),
    },
    transaction,
    async migrate() {
      const migrator = new Migrator({ db, provider: migrationProvider });
      const { error, results } = await migrator.migrateToLatest();
      const failed = results?.find((r) => r.status === "Error");
      if (error || failed) {
        const cause = error instanceof Error ? error.message : String(error ?? "");
        throw new Error(`database migration ${failed?.migrationName ?? ""} failed: ${cause}`);
      }
    },
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
