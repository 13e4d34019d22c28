import { type Kysely, type Migration, type MigrationProvider, sql } from "kysely";

/**
 * Forward-only migrations, applied on start by Kysely's Migrator (which takes a lock, so several
 * processes starting at once apply each migration once). Written with Kysely's schema builder so
 * one definition serves every engine; never edit a migration that has shipped, add a new one.
 */
const initial: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("oidc_providers")
      .addColumn("arn", "text", (c) => c.primaryKey())
      .addColumn("url", "text", (c) => c.notNull().unique())
      .addColumn("doc", "text", (c) => c.notNull())
      .addColumn("created_at_ms", "bigint", (c) => c.notNull())
      .addColumn("version", "integer", (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("roles")
      .addColumn("name_key", "text", (c) => c.primaryKey())
      .addColumn("doc", "text", (c) => c.notNull())
      .addColumn("created_at_ms", "bigint", (c) => c.notNull())
      .addColumn("version", "integer", (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("identity_pools")
      .addColumn("pool_id", "text", (c) => c.primaryKey())
      .addColumn("doc", "text", (c) => c.notNull())
      .addColumn("created_at_ms", "bigint", (c) => c.notNull())
      .addColumn("version", "integer", (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("identities")
      .addColumn("identity_id", "text", (c) => c.primaryKey())
      .addColumn("pool_id", "text", (c) => c.notNull())
      .addColumn("created_at_ms", "bigint", (c) => c.notNull())
      .addColumn("modified_at_ms", "bigint", (c) => c.notNull())
      .addColumn("merged_into", "text")
      .execute();
    await db.schema.createIndex("identities_by_pool").on("identities").columns(["pool_id", "identity_id"]).execute();
    // One identity per (pool, provider, subject) is the database's job (DESIGN.md, "Storage").
    await db.schema
      .createTable("logins")
      .addColumn("pool_id", "text", (c) => c.notNull())
      .addColumn("provider", "text", (c) => c.notNull())
      .addColumn("subject", "text", (c) => c.notNull())
      .addColumn("identity_id", "text", (c) => c.notNull())
      .addColumn("created_at_ms", "bigint", (c) => c.notNull())
      .addPrimaryKeyConstraint("logins_pk", ["pool_id", "provider", "subject"])
      .addUniqueConstraint("logins_one_per_provider", ["identity_id", "provider"])
      .execute();
    await db.schema
      .createTable("settings")
      .addColumn("key", "text", (c) => c.primaryKey())
      .addColumn("value", "text", (c) => c.notNull())
      .execute();
  },
};

/** idpool's own token-signing keys (reference §5) and the keyring that seals session tokens (DESIGN.md, "Credentials"). */
const keys: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("signing_keys")
      .addColumn("kid", "text", (c) => c.primaryKey())
      .addColumn("private_jwk", "text", (c) => c.notNull())
      .addColumn("public_jwk", "text", (c) => c.notNull())
      .addColumn("created_at_ms", "bigint", (c) => c.notNull())
      .addColumn("superseded_at_ms", "bigint")
      .execute();
    await db.schema
      .createTable("sealing_keys")
      .addColumn("key_id", "text", (c) => c.primaryKey())
      .addColumn("secret", "text", (c) => c.notNull())
      .addColumn("created_at_ms", "bigint", (c) => c.notNull())
      .execute();
  },
};

/**
 * One counter bumped by every configuration write (pools, providers, roles), so processes that
 * share a database can tell, with one cheap read, whether their configuration cache is stale.
 */
const configVersion: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("config_version")
      .addColumn("id", "integer", (c) => c.primaryKey())
      .addColumn("version", "bigint", (c) => c.notNull())
      .execute();
    await db
      .insertInto("config_version" as never)
      .values({ id: 1, version: 0 } as never)
      .execute();
  },
};

/** Identities can be disabled without a merge: UnlinkIdentity of the last login (reference §2.4). */
const identityDisabled: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable("identities").addColumn("disabled_at_ms", "bigint").execute();
  },
};

/**
 * Developer identities may hold several developer user ids (MergeDeveloperIdentities, reference
 * §2.4), so "one login per provider per identity" becomes a partial unique index that leaves
 * developer logins out. The table is rebuilt because SQLite cannot drop a constraint.
 */
const developerLogins: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("logins_v2")
      .addColumn("pool_id", "text", (c) => c.notNull())
      .addColumn("provider", "text", (c) => c.notNull())
      .addColumn("subject", "text", (c) => c.notNull())
      .addColumn("identity_id", "text", (c) => c.notNull())
      .addColumn("created_at_ms", "bigint", (c) => c.notNull())
      .addColumn("developer", "integer", (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint("logins_v2_pk", ["pool_id", "provider", "subject"])
      .execute();
    await sql`insert into logins_v2 (pool_id, provider, subject, identity_id, created_at_ms, developer)
      select pool_id, provider, subject, identity_id, created_at_ms, 0 from logins`.execute(db);
    await db.schema.dropTable("logins").execute();
    await db.schema.alterTable("logins_v2").renameTo("logins").execute();
    await db.schema
      .createIndex("logins_one_per_provider")
      .on("logins")
      .columns(["identity_id", "provider"])
      .unique()
      .where(sql.ref("developer"), "=", 0)
      .execute();
    await db.schema.createIndex("logins_by_identity").on("logins").column("identity_id").execute();
  },
};

/** Revoked sessions by identity or pool (README: Revocation); read by every process on a timer. */
const revocations: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("revocations")
      .addColumn("scope", "text", (c) => c.notNull())
      .addColumn("target", "text", (c) => c.notNull())
      .addColumn("issued_before_ms", "bigint", (c) => c.notNull())
      .addColumn("created_at_ms", "bigint", (c) => c.notNull())
      .addPrimaryKeyConstraint("revocations_pk", ["scope", "target"])
      .execute();
    await db.schema.createIndex("revocations_by_time").on("revocations").column("issued_before_ms").execute();
  },
};

/**
 * IAM managed policies (reference, "IAM managed policies"). A policy's versions live in its
 * document, changed by optimistic updates like every other admin object. Attachments are rows, so
 * the database decides that a policy is attached to a role at most once, and the foreign keys
 * refuse an attachment to a missing role or policy and the deletion of an attached one. Policy
 * names are unique in the account without regard to case or path, as IAM's are.
 */
const managedPolicies: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("policies")
      .addColumn("arn", "text", (c) => c.primaryKey())
      .addColumn("name_key", "text", (c) => c.notNull().unique())
      .addColumn("doc", "text", (c) => c.notNull())
      .addColumn("created_at_ms", "bigint", (c) => c.notNull())
      .addColumn("version", "integer", (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("role_policy_attachments")
      .addColumn("role_key", "text", (c) => c.notNull().references("roles.name_key"))
      .addColumn("policy_arn", "text", (c) => c.notNull().references("policies.arn"))
      .addPrimaryKeyConstraint("role_policy_attachments_pk", ["role_key", "policy_arn"])
      .execute();
    await db.schema
      .createIndex("role_policy_attachments_by_policy")
      .on("role_policy_attachments")
      .column("policy_arn")
      .execute();
  },
};

export const MIGRATIONS: Record<string, Migration> = {
  "0001-initial": initial,
  "0002-keys": keys,
  "0003-config-version": configVersion,
  "0004-identity-disabled": identityDisabled,
  "0005-developer-logins": developerLogins,
  "0006-revocations": revocations,
  "0007-managed-policies": managedPolicies,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
