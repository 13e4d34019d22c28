import type { Kysely } from "kysely";
import type { IdentityRecord, LoginRecord } from "../records.js";
import type { IdentityRepository, LoginRepository, SettingRepository } from "../store.js";
import { toMs } from "./docs.js";
import type { Database } from "./schema.js";

export function identityRepository(db: Kysely<Database>): IdentityRepository {
  return {
    async create(r: IdentityRecord) {
      await db
        .insertInto("identities")
        .values({
          identity_id: r.identityId,
          pool_id: r.poolId,
          created_at_ms: r.createdAtMs,
          modified_at_ms: r.modifiedAtMs,
          merged_into: r.mergedInto ?? null,
        })
        .execute();
    },
    async get(identityId) {
      const row = await db
        .selectFrom("identities")
        .selectAll()
        .where("identity_id", "=", identityId)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        identityId: row.identity_id,
        poolId: row.pool_id,
        createdAtMs: toMs(row.created_at_ms),
        modifiedAtMs: toMs(row.modified_at_ms),
        mergedInto: row.merged_into ?? undefined,
      };
    },
    async countInPool(poolId) {
      const row = await db
        .selectFrom("identities")
        .select((eb) => eb.fn.countAll<number | string>().as("n"))
        .where("pool_id", "=", poolId)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}

const loginFromRow = (row: {
  pool_id: string;
  provider: string;
  subject: string;
  identity_id: string;
}): LoginRecord => ({
  poolId: row.pool_id,
  provider: row.provider,
  subject: row.subject,
  identityId: row.identity_id,
});

export function loginRepository(db: Kysely<Database>): LoginRepository {
  return {
    async findByLogin(poolId, provider, subject) {
      const row = await db
        .selectFrom("logins")
        .selectAll()
        .where("pool_id", "=", poolId)
        .where("provider", "=", provider)
        .where("subject", "=", subject)
        .executeTakeFirst();
      return row ? loginFromRow(row) : undefined;
    },
    async listForIdentity(identityId) {
      const rows = await db.selectFrom("logins").selectAll().where("identity_id", "=", identityId).execute();
      return rows.map(loginFromRow);
    },
  };
}

export function settingRepository(db: Kysely<Database>): SettingRepository {
  return {
    async get(key) {
      const row = await db.selectFrom("settings").select("value").where("key", "=", key).executeTakeFirst();
      return row?.value;
    },
    async putIfAbsent(key, value) {
      await db
        .insertInto("settings")
        .values({ key, value })
        .onConflict((oc) => oc.column("key").doNothing())
        .execute();
      const row = await db.selectFrom("settings").select("value").where("key", "=", key).executeTakeFirstOrThrow();
      return row.value;
    },
  };
}
