import type { ServiceError } from "../../errors/index.js";
import type { Logger } from "../../shared/index.js";
import type { IdentityPoolRecord, Store } from "../../store/index.js";
import type { LoginDeps } from "../deps.js";
import type { VerifiedLogin } from "./verified-login.js";

/** The kinds of login a pool can offer; each is one entry of LOGIN_KINDS (kinds.ts) and one file. */
export type LoginKindName = "cognito" | "oidc" | "user-pool" | "public" | "developer" | "saml";

/** The provider configuration of a pool, as CreateIdentityPool and UpdateIdentityPool set it (§2.2). */
export type ProviderConfig = Pick<
  IdentityPoolRecord,
  | "supportedLoginProviders"
  | "developerProviderName"
  | "openIdConnectProviderArns"
  | "cognitoIdentityProviders"
  | "samlProviderArns"
>;

export interface ConfigCheckDeps {
  readonly store: Store;
  readonly accountId: string;
}

/**
 * What a GetId-style call does with a logins map (reference §3.2–3.3): `find` names an identity by
 * its logins (GetId, GetOpenIdTokenForDeveloperIdentity); `prove` shows the caller may act as an
 * identity named by id (GetCredentialsForIdentity, GetOpenIdToken, UnlinkIdentity).
 */
export type LoginsPurpose = "find" | "prove";

/** Verifies one logins map entry whose key a kind recognised (reference §4). */
export type VerifyLogin = (
  deps: LoginDeps,
  pool: IdentityPoolRecord,
  key: string,
  token: string,
  log: Logger,
) => Promise<VerifiedLogin>;

/** Everything idpool knows about one kind of login, in one place. */
export interface LoginKind {
  /** How its logins key is recognised: whether `key` names a provider of this kind in the pool. */
  recognises(pool: IdentityPoolRecord, key: string): boolean;
  /**
   * How its token is verified, giving the login's subject, claims and mapping keys (the keys under
   * which RoleMappings and principal-tag maps name it). Absent for a kind the pool can configure
   * but whose logins map entries idpool cannot check: those are "not a supported provider".
   */
  readonly verify?: VerifyLogin;
  /** The error when a `find` call presents this kind (a Cognito token names no login, §3.2 step 4). */
  readonly refusedWhenFinding?: () => ServiceError;
  /** What it adds to the pool configuration: whether the pool offers any provider of this kind, */
  configured(config: ProviderConfig): boolean;
  /** the keys SetIdentityPoolRoles accepts in RoleMappings for it (§2.4), */
  roleMappingKeys(config: ProviderConfig): readonly string[];
  /** the names SetPrincipalTagAttributeMap accepts (§3.7), */
  principalTagNames(config: ProviderConfig): readonly string[];
  /** and the checks Create/UpdateIdentityPool make on its part of the configuration. */
  checkConfig(deps: ConfigCheckDeps, config: ProviderConfig): Promise<void> | void;
}
