import type {
  IdentityPoolRecord,
  IdentityRecord,
  LoginRecord,
  OidcProviderRecord,
  Page,
  PolicyRecord,
  RevocationRecord,
  RoleRecord,
  SealingKeyRecord,
  SigningKeyRecord,
} from "./records.js";

/**
 * The store, as intent-named repositories (DESIGN.md, "Storage"). Everything is async so that
 * engines with network round trips fit behind it. Document-style records carry a `version`: an
 * update names the version it read and returns false when another writer got there first.
 */
export interface OidcProviderRepository {
  /** False when the ARN (derived from the URL) already exists. */
  create(record: OidcProviderRecord): Promise<boolean>;
  get(arn: string): Promise<OidcProviderRecord | undefined>;
  list(): Promise<readonly OidcProviderRecord[]>;
  count(): Promise<number>;
  update(record: OidcProviderRecord, expectedVersion: number): Promise<boolean>;
  delete(arn: string): Promise<boolean>;
}

export interface RoleRepository {
  /** False when a role of that name exists (IAM names are unique without regard to case). */
  create(record: RoleRecord): Promise<boolean>;
  get(roleName: string): Promise<RoleRecord | undefined>;
  list(): Promise<readonly RoleRecord[]>;
  /** Leaves `attachedPolicyArns` as stored: attachments change only through the two methods below. */
  update(record: RoleRecord, expectedVersion: number): Promise<boolean>;
  delete(roleName: string): Promise<boolean>;
  /**
   * Attaches a managed policy; false when it was attached already (the database's uniqueness
   * decides). The role and the policy must exist (foreign keys hold it).
   */
  attachPolicy(roleName: string, policyArn: string): Promise<boolean>;
  /** False when the policy was not attached to the role. */
  detachPolicy(roleName: string, policyArn: string): Promise<boolean>;
}

export interface PolicyRepository {
  /** False when the ARN, or a policy of that name in another case or path, exists. */
  create(record: PolicyRecord): Promise<boolean>;
  get(arn: string): Promise<PolicyRecord | undefined>;
  /** In name order, without regard to case. */
  list(): Promise<readonly PolicyRecord[]>;
  update(record: PolicyRecord, expectedVersion: number): Promise<boolean>;
  /** Deletes the policy with its versions; the database refuses while it is attached. */
  delete(arn: string): Promise<boolean>;
  /** How many roles the policy is attached to. */
  attachmentCount(arn: string): Promise<number>;
  /** Attachment counts by policy ARN, for policies attached at least once. */
  attachmentCounts(): Promise<ReadonlyMap<string, number>>;
}

export interface IdentityPoolRepository {
  create(record: IdentityPoolRecord): Promise<void>;
  get(poolId: string): Promise<IdentityPoolRecord | undefined>;
  /** Ordered by pool id, starting after `after`. */
  list(limit: number, after: string | undefined): Promise<Page<IdentityPoolRecord>>;
  count(): Promise<number>;
  update(record: IdentityPoolRecord, expectedVersion: number): Promise<boolean>;
  /** Deletes the pool with its identities and logins. */
  delete(poolId: string): Promise<boolean>;
}

export interface IdentityRepository {
  create(record: IdentityRecord): Promise<void>;
  get(identityId: string): Promise<IdentityRecord | undefined>;
  /** The identity with its linked logins, in one round trip (the credentials hot path). */
  getWithLogins(identityId: string): Promise<{ identity: IdentityRecord; logins: readonly LoginRecord[] } | undefined>;
  countInPool(poolId: string): Promise<number>;
  /** Ordered by identity id, starting after `after`; `hideDisabled` leaves out disabled identities. */
  list(poolId: string, limit: number, after: string | undefined, hideDisabled: boolean): Promise<Page<IdentityRecord>>;
  /** Disables `identityIds` by pointing them at the identity they were merged into. */
  markMerged(identityIds: readonly string[], into: string, nowMs: number): Promise<void>;
  touch(identityId: string, nowMs: number): Promise<void>;
  /** Disables an identity without merging it (its last login was unlinked). */
  disable(identityId: string, nowMs: number): Promise<void>;
  /** Deletes identities with their logins; returns the ids that existed. */
  delete(identityIds: readonly string[]): Promise<readonly string[]>;
}

export interface LoginKey {
  readonly provider: string;
  readonly subject: string;
}

export interface LoginRepository {
  findByLogin(poolId: string, provider: string, subject: string): Promise<LoginRecord | undefined>;
  /** Every stored login among `logins`, in one query. */
  findByLogins(poolId: string, logins: readonly LoginKey[]): Promise<readonly LoginRecord[]>;
  listForIdentity(identityId: string): Promise<readonly LoginRecord[]>;
  listForIdentities(identityIds: readonly string[]): Promise<readonly LoginRecord[]>;
  /**
   * Inserts logins, skipping any that collide with a unique constraint (the login exists, or the
   * identity already has a login of that provider); returns how many were inserted.
   */
  insert(logins: readonly LoginRecord[], nowMs: number): Promise<number>;
  /** Moves every login of `fromIdentityIds` to `toIdentityId` (a merge). */
  moveAll(fromIdentityIds: readonly string[], toIdentityId: string): Promise<void>;
  /** Removes one login (a developer user id); returns whether it existed. */
  removeOne(poolId: string, provider: string, subject: string): Promise<boolean>;
  /** Removes the identity's logins of these providers; returns how many went. */
  remove(identityId: string, providers: readonly string[]): Promise<number>;
}

export interface SettingRepository {
  get(key: string): Promise<string | undefined>;
  /** Stores `value` unless the key exists; returns what is stored (first writer wins). */
  putIfAbsent(key: string, value: string): Promise<string>;
}

export interface SigningKeyRepository {
  /** Inserts a key and marks every other unsuperseded key superseded at its creation time. */
  rotate(record: SigningKeyRecord): Promise<void>;
  /** Keys not superseded, or superseded after `supersededAfterMs`, newest first. */
  listPublished(supersededAfterMs: number): Promise<readonly SigningKeyRecord[]>;
}

export interface SealingKeyRepository {
  /** Inserts a key unless one with the same id exists. */
  add(record: SealingKeyRecord): Promise<void>;
  /** Keys created after `createdAfterMs`, newest first. */
  listSince(createdAfterMs: number): Promise<readonly SealingKeyRecord[]>;
}

export interface RevocationRepository {
  /** Records a revocation; when the target has one, keeps the later of the two times. */
  put(record: RevocationRecord): Promise<void>;
  /** Revocations whose time is after `issuedBeforeAfterMs` (older ones can no longer matter). */
  listSince(issuedBeforeAfterMs: number): Promise<readonly RevocationRecord[]>;
}

export interface Repositories {
  readonly oidcProviders: OidcProviderRepository;
  readonly roles: RoleRepository;
  readonly policies: PolicyRepository;
  readonly pools: IdentityPoolRepository;
  readonly identities: IdentityRepository;
  readonly logins: LoginRepository;
  readonly settings: SettingRepository;
  readonly signingKeys: SigningKeyRepository;
  readonly sealingKeys: SealingKeyRepository;
  readonly revocations: RevocationRepository;
}

export interface Store extends Repositories {
  /** Runs `fn` atomically; the repositories it receives are bound to the transaction. */
  transaction<T>(fn: (tx: Repositories) => Promise<T>): Promise<T>;
  migrate(): Promise<void>;
  /** The counter every configuration write bumps; processes sharing the store compare it. */
  configVersion(): Promise<number>;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
