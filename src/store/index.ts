export type {
  Tag,
  OidcProviderRecord,
  RoleRecord,
  CognitoProviderRecord,
  MappingRuleRecord,
  RoleMappingRecord,
  PrincipalTagMapRecord,
  IdentityPoolRecord,
  IdentityRecord,
  LoginRecord,
  Page,
} from "./records.js";
export type {
  Store,
  Repositories,
  OidcProviderRepository,
  RoleRepository,
  IdentityPoolRepository,
  IdentityRepository,
  LoginRepository,
  SettingRepository,
} from "./store.js";
export { openSqliteStore, SQLITE_FILE_NAME } from "./sqlite/open.js";
