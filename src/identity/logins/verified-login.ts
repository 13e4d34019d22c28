import type { LoginKindName } from "./login-kind.js";

/** A login whose token was verified, in the terms every later step needs. */
export interface VerifiedLogin {
  /** The logins key, as stored: `host[/path]`, a user-pool provider name, a public domain… */
  readonly provider: string;
  /** Who the provider says this is: `sub`, Facebook's user id, Amazon's `user_id`, an identity id. */
  readonly subject: string;
  /** The token's claims (or, for opaque tokens, what the provider's API said), for rules and tags. */
  readonly claims: Readonly<Record<string, unknown>>;
  /** The client or app id the token was issued to. */
  readonly clientId: string;
  /** `amr` of idpool's tokens for this login (reference §5). */
  readonly amr: readonly string[];
  /** Keys under which RoleMappings and principal-tag maps may name this login, in order. */
  readonly mappingKeys: readonly string[];
  readonly kind: LoginKindName;
  /** Claims used by the default principal-tag map: `username` and `client` (reference §3.7). */
  readonly defaultTags: Readonly<Record<string, string>>;
  /** Tags a Cognito token already carries (developer tokens' PrincipalTags). */
  readonly carriedTags?: Readonly<Record<string, string>>;
}
