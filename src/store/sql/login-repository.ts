import type { Kysely } from "kysely";
import type { LoginRepository } from "../store.js";
import { compiledOnce } from "./compiled-once.js";
import { loginFromRow } from "./identity-rows.js";
import type { Database } from "./schema.js";

/**
 * GetId's hot read, compiled once: `[poolId, provider₁, subject₁, provider₂, subject₂, …]`, one
 * compiled form per number of logins.
 */
const loginsByKeys = compiledOnce((db, [poolId = "", ...pairs]) =>
  db
    .selectFrom("logins")
    .selectAll()
    .where("pool_id", "=", poolId)
    .where((eb) =>
      eb.or(
        Array.from({ length: pairs.length / 2 }, (_, i) =>
          eb.and([eb("provider", "=", pairs[2 * i] ?? ""), eb("subject", "=", pairs[2 * i + 1] ?? "")]),
        ),
      ),
    ),
);

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
    async findByLogins(poolId, logins) {
      if (logins.length === 0) return [];
      const rows = await loginsByKeys(db, [poolId, ...logins.flatMap((l) => [l.provider, l.subject])]);
      return rows.map(loginFromRow);
    },
    async listForIdentity(identityId) {
      const rows = await db.selectFrom("logins").selectAll().where("identity_id", "=", identityId).execute();
      return rows.map(loginFromRow);
    },
    async listForIdentities(identityIds) {
      if (identityIds.length === 0) return [];
      const rows = await db.selectFrom("logins").selectAll().where("identity_id", "in", identityIds).execute();
      return rows.map(loginFromRow);
    },
    async insert(logins, nowMs) {
      let inserted = 0;
      for (const l of logins) {
        const result = await db
          .insertInto("logins")
          .values({
            pool_id: l.poolId,
            provider: l.provider,
            subject: l.subject,
            identity_id: l.identityId,
            created_at_ms: nowMs,
            developer: l.developer ? 1 : 0,
          })
          .onConflict((oc) => oc.doNothing())
          .executeTakeFirst();
        inserted += Number(result.numInsertedOrUpdatedRows ?? 0n);
      }
      return inserted;
    },
    async moveAll(fromIdentityIds, toIdentityId) {
      if (fromIdentityIds.length === 0) return;
      await db
        .updateTable("logins")
        .set({ identity_id: toIdentityId })
        .where("identity_id", "in", fromIdentityIds)
        .execute();
    },
    async removeOne(poolId, provider, subject) {
      const result = await db
        .deleteFrom("logins")
        .where("pool_id", "=", poolId)
        .where("provider", "=", provider)
        .where("subject", "=", subject)
        .executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
    async remove(identityId, providers) {
      if (providers.length === 0) return 0;
      const result = await db
        .deleteFrom("logins")
        .where("identity_id", "=", identityId)
        .where("provider", "in", providers)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
