import type { Kysely } from "kysely";
import type { PolicyRecord } from "../records.js";
import type { PolicyRepository } from "../store.js";
import { policyDoc, policyFromRow } from "./docs.js";
import type { Database } from "./schema.js";

/** IAM policy names are unique in the account without regard to case (or path). */
const nameKey = (name: string): string => name.toLowerCase();

/** Customer managed policies; their attachments belong to the roles repository's rows. */
export function policyRepository(db: Kysely<Database>): PolicyRepository {
  return {
    async create(r: PolicyRecord) {
      const result = await db
        .insertInto("policies")
        .values({
          arn: r.arn,
          name_key: nameKey(r.policyName),
          doc: policyDoc(r),
          created_at_ms: r.createdAtMs,
          version: r.version,
        })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
    },
    async get(arn) {
      const row = await db.selectFrom("policies").selectAll().where("arn", "=", arn).executeTakeFirst();
      return row ? policyFromRow(row) : undefined;
    },
    async list() {
      const rows = await db.selectFrom("policies").selectAll().orderBy("name_key").execute();
      return rows.map(policyFromRow);
    },
    async update(r, expectedVersion) {
      const result = await db
        .updateTable("policies")
        .set({ doc: policyDoc(r), version: expectedVersion + 1 })
        .where("arn", "=", r.arn)
        .where("version", "=", expectedVersion)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async delete(arn) {
      const result = await db.deleteFrom("policies").where("arn", "=", arn).executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
    async attachmentCount(arn) {
      const row = await db
        .selectFrom("role_policy_attachments")
        .select((eb) => eb.fn.countAll<number | string>().as("n"))
        .where("policy_arn", "=", arn)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async attachmentCounts() {
      const rows = await db
        .selectFrom("role_policy_attachments")
        .select(["policy_arn", (eb) => eb.fn.countAll<number | string>().as("n")])
        .groupBy("policy_arn")
        .execute();
      return new Map(rows.map((r) => [r.policy_arn, Number(r.n)]));
    },
  };
}
