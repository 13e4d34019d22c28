import type { Kysely } from "kysely";
import type { RevocationRepository } from "../store.js";
import { toMs } from "./docs.js";
import type { Database } from "./schema.js";

export function revocationRepository(db: Kysely<Database>): RevocationRepository {
  return {
    async put(r) {
      // One statement, so two processes revoking the same target at once both leave the later time.
      await db
        .insertInto("revocations")
        .values({ scope: r.scope, target: r.target, issued_before_ms: r.issuedBeforeMs, created_at_ms: r.createdAtMs })
        .onConflict((oc) =>
          oc.columns(["scope", "target"]).doUpdateSet((eb) => ({
            issued_before_ms: eb
              .case()
              .when("revocations.issued_before_ms", "<", eb.ref("excluded.issued_before_ms"))
              .then(eb.ref("excluded.issued_before_ms"))
              .else(eb.ref("revocations.issued_before_ms"))
              .end(),
            created_at_ms: eb.ref("excluded.created_at_ms"),
          })),
        )
        .execute();
    },
    async listSince(issuedBeforeAfterMs) {
      const rows = await db
        .selectFrom("revocations")
        .selectAll()
        .where("issued_before_ms", ">", issuedBeforeAfterMs)
        .orderBy("scope")
        .orderBy("target")
        .execute();
      return rows.map((row) => ({
        scope: row.scope === "pool" ? "pool" : "identity",
        target: row.target,
        issuedBeforeMs: toMs(row.issued_before_ms),
        createdAtMs: toMs(row.created_at_ms),
      }));
    },
  };
}
