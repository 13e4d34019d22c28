import type { Kysely } from "kysely";
import type { SigningKeyRecord } from "../records.js";
import type { SealingKeyRepository, SigningKeyRepository } from "../store.js";
import { toMs } from "./docs.js";
import type { TransactionRunner } from "./kysely-store.js";
import type { Database } from "./schema.js";

/** Supersedes every current key and inserts `r`: run in one transaction. */
async function supersedeAndInsert(db: Kysely<Database>, r: SigningKeyRecord): Promise<void> {
  await db
    .updateTable("signing_keys")
    .set({ superseded_at_ms: r.createdAtMs })
    .where("superseded_at_ms", "is", null)
    .execute();
  await db
    .insertInto("signing_keys")
    .values({
      kid: r.kid,
      private_jwk: r.privateJwk,
      public_jwk: r.publicJwk,
      created_at_ms: r.createdAtMs,
      superseded_at_ms: null,
    })
    .execute();
}

export function signingKeyRepository(db: Kysely<Database>, run: TransactionRunner): SigningKeyRepository {
  return {
    async rotate(r) {
      // Both statements in one transaction: there is never a moment with two signing keys or none.
      // Serializable, because two rotations on a table without a current key (two processes
      // starting on an empty database) write no common row, so only that level orders them.
      if (db.isTransaction) await supersedeAndInsert(db, r);
      else await run(db, (trx) => supersedeAndInsert(trx, r), { serializable: true });
    },
    async listPublished(supersededAfterMs) {
      const rows = await db
        .selectFrom("signing_keys")
        .selectAll()
        .where((eb) => eb.or([eb("superseded_at_ms", "is", null), eb("superseded_at_ms", ">", supersededAfterMs)]))
        .orderBy("created_at_ms", "desc")
        .orderBy("kid", "desc")
        .execute();
      return rows.map((row) => ({
        kid: row.kid,
        privateJwk: row.private_jwk,
        publicJwk: row.public_jwk,
        createdAtMs: toMs(row.created_at_ms),
        supersededAtMs: row.superseded_at_ms === null ? undefined : toMs(row.superseded_at_ms),
      }));
    },
  };
}

export function sealingKeyRepository(db: Kysely<Database>): SealingKeyRepository {
  return {
    async add(r) {
      await db
        .insertInto("sealing_keys")
        .values({ key_id: r.keyId, secret: r.secret, created_at_ms: r.createdAtMs })
        .onConflict((oc) => oc.column("key_id").doNothing())
        .execute();
    },
    async listSince(createdAfterMs) {
      const rows = await db
        .selectFrom("sealing_keys")
        .selectAll()
        .where("created_at_ms", ">", createdAfterMs)
        .orderBy("created_at_ms", "desc")
        .execute();
      return rows.map((row) => ({ keyId: row.key_id, secret: row.secret, createdAtMs: toMs(row.created_at_ms) }));
    },
  };
}
