/**
 * Rows of the identities and logins tables as records, and the identity-with-its-logins join: shared
 * by the repositories and by PostgreSQL's batched reads (postgres/batched-reads.ts).
 */
import type { Kysely } from "kysely";
import type { IdentityRecord, LoginRecord } from "../records.js";
import { toMs } from "./docs.js";
import type { Database } from "./schema.js";

export const identityFromRow = (row: Database["identities"]): IdentityRecord => ({
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

export const loginFromRow = (row: Database["logins"]): LoginRecord => ({
  poolId: row.pool_id,
  provider: row.provider,
  subject: row.subject,
  identityId: row.identity_id,
  ...(row.developer ? { developer: true } : {}),
});
