import type { Kysely } from "kysely";
import type { IdentityRecord, Page } from "../records.js";
import type { IdentityRepository } from "../store.js";
import { compiledOnce } from "./compiled-once.js";
import { groupIdentitiesWithLogins, identitiesWithLoginsQuery, identityFromRow } from "./identity-rows.js";
import type { Database } from "./schema.js";

/** The hot reads (GetCredentialsForIdentity, GetOpenIdToken), compiled once. */
const identityById = compiledOnce((db, [id = ""]) =>
  db.selectFrom("identities").selectAll().where("identity_id", "=", id),
);
const identityWithLoginsById = compiledOnce((db, [id = ""]) =>
  identitiesWithLoginsQuery(db).where("identities.identity_id", "=", id),
);

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
          disabled_at_ms: r.disabledAtMs ?? null,
        })
        .execute();
    },
    async get(identityId) {
      const [row] = await identityById(db, [identityId]);
      return row ? identityFromRow(row) : undefined;
    },
    async getWithLogins(identityId) {
      const rows = await identityWithLoginsById(db, [identityId]);
      return groupIdentitiesWithLogins(rows).get(identityId);
    },
    async countInPool(poolId) {
      const row = await db
        .selectFrom("identities")
        .select((eb) => eb.fn.countAll<number | string>().as("n"))
        .where("pool_id", "=", poolId)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async list(poolId, limit, after, hideDisabled): Promise<Page<IdentityRecord>> {
      let query = db
        .selectFrom("identities")
        .selectAll()
        .where("pool_id", "=", poolId)
        .orderBy("identity_id")
        .limit(limit + 1);
      if (after !== undefined) query = query.where("identity_id", ">", after);
      if (hideDisabled) query = query.where("disabled_at_ms", "is", null);
      const rows = await query.execute();
      const items = rows.slice(0, limit).map(identityFromRow);
      return { items, nextAfter: rows.length > limit ? items[items.length - 1]?.identityId : undefined };
    },
    async markMerged(identityIds, into, nowMs) {
      if (identityIds.length === 0) return;
      await db
        .updateTable("identities")
        .set({ merged_into: into, disabled_at_ms: nowMs, modified_at_ms: nowMs })
        .where("identity_id", "in", identityIds)
        .execute();
    },
    async disable(identityId, nowMs) {
      await db
        .updateTable("identities")
        .set({ disabled_at_ms: nowMs, modified_at_ms: nowMs })
        .where("identity_id", "=", identityId)
        .execute();
    },
    async touch(identityId, nowMs) {
      await db.updateTable("identities").set({ modified_at_ms: nowMs }).where("identity_id", "=", identityId).execute();
    },
    async delete(identityIds) {
      if (identityIds.length === 0) return [];
      const existing = await db
        .selectFrom("identities")
        .select("identity_id")
        .where("identity_id", "in", identityIds)
        .execute();
      await db.deleteFrom("logins").where("identity_id", "in", identityIds).execute();
      await db.deleteFrom("identities").where("identity_id", "in", identityIds).execute();
      return existing.map((r) => r.identity_id);
    },
  };
}
