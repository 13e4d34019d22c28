import type { Kysely } from "kysely";
import type { RoleRecord } from "../records.js";
import type { RoleRepository } from "../store.js";
import { roleDoc, roleFromRow } from "./docs.js";
import type { Database } from "./schema.js";

/** IAM role names are unique without regard to case; the key column holds the lower-cased name. */
const roleKey = (name: string): string => name.toLowerCase();

/**
 * Roles with their attached managed policies: one query (a left join), so a role is never read
 * with the attachments of another moment. Inserts that may collide use ON CONFLICT DO NOTHING,
 * so uniqueness is decided by the database.
 */
function rolesWithAttachments(db: Kysely<Database>) {
  return db
    .selectFrom("roles")
    .leftJoin("role_policy_attachments as a", "a.role_key", "roles.name_key")
    .select(["roles.name_key", "roles.doc", "roles.created_at_ms", "roles.version", "a.policy_arn"])
    .orderBy("roles.name_key")
    .orderBy("a.policy_arn");
}

type JoinedRow = Database["roles"] & { policy_arn: string | null };

function group(rows: readonly JoinedRow[]): RoleRecord[] {
  const byKey = new Map<string, { row: JoinedRow; arns: string[] }>();
  for (const row of rows) {
    let entry = byKey.get(row.name_key);
    if (!entry) {
      entry = { row, arns: [] };
      byKey.set(row.name_key, entry);
    }
    if (row.policy_arn !== null) entry.arns.push(row.policy_arn);
  }
  return [...byKey.values()].map(({ row, arns }) => roleFromRow(row, arns));
}

export function roleRepository(db: Kysely<Database>): RoleRepository {
  return {
    async create(r: RoleRecord) {
      const result = await db
        .insertInto("roles")
        .values({ name_key: roleKey(r.roleName), doc: roleDoc(r), created_at_ms: r.createdAtMs, version: r.version })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
    },
    async get(roleName) {
      const rows = await rolesWithAttachments(db).where("roles.name_key", "=", roleKey(roleName)).execute();
      return group(rows)[0];
    },
    async list() {
      return group(await rolesWithAttachments(db).execute());
    },
    async update(r, expectedVersion) {
      const result = await db
        .updateTable("roles")
        .set({ doc: roleDoc(r), version: expectedVersion + 1 })
        .where("name_key", "=", roleKey(r.roleName))
        .where("version", "=", expectedVersion)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async delete(roleName) {
      const result = await db.deleteFrom("roles").where("name_key", "=", roleKey(roleName)).executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
    async attachPolicy(roleName, policyArn) {
      const result = await db
        .insertInto("role_policy_attachments")
        .values({ role_key: roleKey(roleName), policy_arn: policyArn })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
    },
    async detachPolicy(roleName, policyArn) {
      const result = await db
        .deleteFrom("role_policy_attachments")
        .where("role_key", "=", roleKey(roleName))
        .where("policy_arn", "=", policyArn)
        .executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
  };
}
