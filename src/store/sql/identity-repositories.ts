import type { Kysely } from "kysely";
import type { IdentityRecord, LoginRecord, Page } from "../records.js";
import type { IdentityRepository, LoginRepository, SettingRepository } from "../store.js";
import { compiledOnce } from "./compiled-once.js";
import { toMs } from "./docs.js";
import type { Database } from "./schema.js";

const identityFromRow = (row: Database["identities"]): IdentityRecord => ({
  identityId: row.identity_id,
  poolId: row.pool_id,
  createdAtMs: toMs(row.created_at_ms),
  modifiedAtMs: toMs(row.modified_at_ms),
  mergedInto: row.merged_into ?? undefined,
  disabledAtMs: row.disabled_at_ms === null ? undefined : toMs(row.disabled_at_ms),
});

export interface IdentityWithLogins {
  readonly identity: IdentityRecord;
  readonly logins: readonly LoginRecord[];
}

/** Identities left-joined with their logins; the caller says which identities (one, or a batch). */
export function identitiesWithLoginsQuery(db: Kysely<Database>) {
  return db
    .selectFrom("identities")
    .leftJoin("logins", "logins.identity_id", "identities.identity_id")
    .select([
      "identities.identity_id",
      "identities.pool_id",
      "identities.created_at_ms",
      "identities.modified_at_ms",
      "identities.merged_into",
      "identities.disabled_at_ms",
      "logins.provider",
      "logins.subject",
      "logins.developer",
    ]);
}

type IdentityWithLoginRow = Awaited<ReturnType<ReturnType<typeof identitiesWithLoginsQuery>["execute"]>>[number];

/** One entry per identity found, with its logins (none for a guest). */
export function groupIdentitiesWithLogins(rows: readonly IdentityWithLoginRow[]): Map<string, IdentityWithLogins> {
  const found = new Map<string, { identity: IdentityRecord; logins: LoginRecord[] }>();
  for (const row of rows) {
    let entry = found.get(row.identity_id);
    if (!entry) {
      entry = { identity: identityFromRow(row), logins: [] };
      found.set(row.identity_id, entry);
    }
    if (row.provider !== null && row.subject !== null) {
      entry.logins.push({
        poolId: row.pool_id,
        provider: row.provider,
        subject: row.subject,
        identityId: row.identity_id,
        ...(row.developer ? { developer: true } : {}),
      });
    }
  }
  return found;
}

/** The hot reads (GetCredentialsForIdentity, GetOpenIdToken, GetId), compiled once. */
const identityById = compiledOnce((db, [id = ""]) =>
  db.selectFrom("identities").selectAll().where("identity_id", "=", id),
);
const identityWithLoginsById = compiledOnce((db, [id = ""]) =>
  identitiesWithLoginsQuery(db).where("identities.identity_id", "=", id),
);
/** `[poolId, provider₁, subject₁, provider₂, subject₂, …]`: one compiled form per number of logins. */
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

export const loginFromRow = (row: Database["logins"]): LoginRecord => ({
  poolId: row.pool_id,
  provider: row.provider,
  subject: row.subject,
  identityId: row.identity_id,
  ...(row.developer ? { developer: true } : {}),
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
