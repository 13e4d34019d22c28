export { cachedStore } from "./cached-store.js";
export { openPostgresStore, type PostgresStoreOptions } from "./postgres/open.js";
export type {
  CognitoProviderRecord,
  IdentityPoolRecord,
  IdentityRecord,
  LoginRecord,
  MappingRuleRecord,
  OidcProviderRecord,
  Page,
  PolicyRecord,
  PolicyVersionRecord,
  PrincipalTagMapRecord,
  RevocationRecord,
  RoleMappingRecord,
  RoleRecord,
  SealingKeyRecord,
  SigningKeyRecord,
  Tag,
} from "./records.js";
export { CLAIM_FILE_NAME, claimDataDir, type DataDirClaim } from "./sqlite/data-dir-claim.js";
export { openSqliteStore, SQLITE_FILE_NAME } from "./sqlite/open.js";
export type {
  IdentityPoolRepository,
  IdentityRepository,
  LoginKey,
  LoginRepository,
  OidcProviderRepository,
  PolicyRepository,
  Repositories,
  RevocationRepository,
  RoleRepository,
  SealingKeyRepository,
  SettingRepository,
  SigningKeyRepository,
  Store,
} from "./store.js";
