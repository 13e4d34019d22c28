import type { Kysely } from "kysely";
import type { IdentityPoolRecord, OidcProviderRecord, Page } from "../records.js";
import type { IdentityPoolRepository, OidcProviderRepository } from "../store.js";
import { poolDoc, poolFromRow, providerDoc, providerFromRow } from "./docs.js";
import type { Database } from "./schema.js";

/**
 * The shared counter other processes check (cached-store.ts). Which writes bump it is declared
 * once, in store/configuration.ts, and applied by kysely-store.ts; so a write here answers only
 * whether it changed a row (false when it did not), and never bumps by itself.
 */
export async function bumpConfigVersion(db: Kysely<Database>): Promise<void> {
  await db
    .updateTable("config_version")
    .set((eb) => ({ version: eb("version", "+", 1) }))
    .where("id", "=", 1)
    .execute();
}

/** Inserts that may collide use ON CONFLICT DO NOTHING, so uniqueness is decided by the database. */
export function oidcProviderRepository(db: Kysely<Database>): OidcProviderRepository {
  return {
    async create(r: OidcProviderRecord) {
      const result = await db
        .insertInto("oidc_providers")
        .values({ arn: r.arn, url: r.url, doc: providerDoc(r), created_at_ms: r.createdAtMs, version: r.version })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
    },
    async get(arn) {
      const row = await db.selectFrom("oidc_providers").selectAll().where("arn", "=", arn).executeTakeFirst();
      return row ? providerFromRow(row) : undefined;
    },
    async list() {
      const rows = await db.selectFrom("oidc_providers").selectAll().orderBy("arn").execute();
      return rows.map(providerFromRow);
    },
    async count() {
      const row = await db
        .selectFrom("oidc_providers")
        .select((eb) => eb.fn.countAll<number | string>().as("n"))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async update(r, expectedVersion) {
      const result = await db
        .updateTable("oidc_providers")
        .set({ doc: providerDoc(r), version: expectedVersion + 1 })
        .where("arn", "=", r.arn)
        .where("version", "=", expectedVersion)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async delete(arn) {
      const result = await db.deleteFrom("oidc_providers").where("arn", "=", arn).executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
  };
}

export function identityPoolRepository(db: Kysely<Database>): IdentityPoolRepository {
  return {
    async create(r: IdentityPoolRecord) {
      await db
        .insertInto("identity_pools")
        .values({ pool_id: r.poolId, doc: poolDoc(r), created_at_ms: r.createdAtMs, version: r.version })
        .execute();
    },
    async get(poolId) {
      const row = await db.selectFrom("identity_pools").selectAll().where("pool_id", "=", poolId).executeTakeFirst();
      return row ? poolFromRow(row) : undefined;
    },
    async list(limit, after): Promise<Page<IdentityPoolRecord>> {
      let query = db
        .selectFrom("identity_pools")
        .selectAll()
        .orderBy("pool_id")
        .limit(limit + 1);
      if (after !== undefined) query = query.where("pool_id", ">", after);
      const rows = await query.execute();
      const items = rows.slice(0, limit).map(poolFromRow);
      return { items, nextAfter: rows.length > limit ? items[items.length - 1]?.poolId : undefined };
    },
    async count() {
      const row = await db
        .selectFrom("identity_pools")
        .select((eb) => eb.fn.countAll<number | string>().as("n"))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async update(r, expectedVersion) {
      const result = await db
        .updateTable("identity_pools")
        .set({ doc: poolDoc(r), version: expectedVersion + 1 })
        .where("pool_id", "=", r.poolId)
        .where("version", "=", expectedVersion)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async delete(poolId) {
      // Callers run this inside a transaction (Store.pools.delete does), so no orphan survives.
      await db.deleteFrom("logins").where("pool_id", "=", poolId).execute();
      await db.deleteFrom("identities").where("pool_id", "=", poolId).execute();
      const result = await db.deleteFrom("identity_pools").where("pool_id", "=", poolId).executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
  };
}
