import type { Kysely } from "kysely";
import type { SealingKeyRepository, SigningKeyRepository } from "../store.js";
import { toMs } from "./docs.js";
import type { Database } from "./schema.js";

export function signingKeyRepository(db: Kysely<Database>): SigningKeyRepository {
  return {
    async rotate(r) {
      // Both statements in one transaction: there is never a moment with two signing keys or none.
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable("signing_keys")
          .set({ superseded_at_ms: r.createdAtMs })
          .where("superseded_at_ms", "is", null)
          .execute();
        await trx
          .insertInto("signing_keys")
          .values({
            kid: r.kid,
            private_jwk: r.privateJwk,
            public_jwk: r.publicJwk,
            created_at_ms: r.createdAtMs,
            superseded_at_ms: null,
          })
          .execute();
      });
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
