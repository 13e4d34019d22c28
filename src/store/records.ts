/** What the store keeps, in internal names. Timestamps are epoch milliseconds. */
export interface Tag {
  readonly key: string;
  readonly value: string;
}

export interface OidcProviderRecord {
  readonly arn: string;
  /** As registered, with its scheme: `https://host[:port][/path]`. */
  readonly url: string;
  readonly clientIds: readonly string[];
  /** Lower-case hex SHA-1. */
  readonly thumbprints: readonly string[];
  readonly tags: readonly Tag[];
  readonly createdAtMs: number;
  readonly version: number;
}

export interface RoleRecord {
  readonly roleName: string;
  readonly roleId: string;
  readonly arn: string;
  readonly path: string;
  /** The policy document as the caller wrote it (JSON text). */
  readonly assumeRolePolicyDocument: string;
  readonly description: string | undefined;
  readonly maxSessionDurationSeconds: number;
  readonly tags: readonly Tag[];
  /** Inline policies by name, as JSON text. */
  readonly inlinePolicies: Readonly<Record<string, string>>;
  /**
   * ARNs of the managed policies attached to the role, in ARN order. Read with the role (one
   * query), so the cached role carries them to the hot path; changed only by
   * RoleRepository.attachPolicy / detachPolicy, never by `create` or `update`.
   */
  readonly attachedPolicyArns: readonly string[];
  readonly createdAtMs: number;
  readonly version: number;
}

/** One version of a managed policy's document (IAM's `v1`, `v2`, …). */
export interface PolicyVersionRecord {
  readonly versionId: string;
  /** The document as the caller wrote it (JSON text). */
  readonly document: string;
  readonly createdAtMs: number;
}

/** A customer managed policy. How many roles it is attached to is counted from the attachments. */
export interface PolicyRecord {
  readonly arn: string;
  readonly policyName: string;
  readonly policyId: string;
  readonly path: string;
  readonly description: string | undefined;
  readonly tags: readonly Tag[];
  /** Oldest first; at most IAM's five. */
  readonly versions: readonly PolicyVersionRecord[];
  readonly defaultVersionId: string;
  /** The number the next version gets: ids are never reused, even after a version is deleted. */
  readonly nextVersionNumber: number;
  readonly createdAtMs: number;
  readonly version: number;
}

export interface CognitoProviderRecord {
  readonly providerName: string;
  readonly clientId: string;
  readonly serverSideTokenCheck: boolean;
}

export interface MappingRuleRecord {
  readonly claim: string;
  readonly matchType: "Equals" | "Contains" | "StartsWith" | "NotEqual";
  readonly value: string;
  readonly roleArn: string;
}

export interface RoleMappingRecord {
  readonly type: "Token" | "Rules";
  readonly ambiguousRoleResolution: "AuthenticatedRole" | "Deny" | undefined;
  readonly rules: readonly MappingRuleRecord[] | undefined;
}

export interface PrincipalTagMapRecord {
  readonly useDefaults: boolean;
  /** Tag key → claim name. */
  readonly tags: Readonly<Record<string, string>>;
}

export interface IdentityPoolRecord {
  readonly poolId: string;
  readonly name: string;
  readonly allowUnauthenticated: boolean;
  readonly allowClassicFlow: boolean;
  readonly supportedLoginProviders: Readonly<Record<string, string>>;
  readonly developerProviderName: string | undefined;
  readonly openIdConnectProviderArns: readonly string[];
  readonly cognitoIdentityProviders: readonly CognitoProviderRecord[];
  readonly samlProviderArns: readonly string[];
  readonly tags: Readonly<Record<string, string>>;
  /** `authenticated` / `unauthenticated` → role ARN. */
  readonly roles: Readonly<Record<string, string>>;
  readonly roleMappings: Readonly<Record<string, RoleMappingRecord>>;
  /** Per identity provider name. */
  readonly principalTagMaps: Readonly<Record<string, PrincipalTagMapRecord>>;
  readonly createdAtMs: number;
  /** Bumped on every change; an update names the version it read. */
  readonly version: number;
}

export interface IdentityRecord {
  readonly identityId: string;
  readonly poolId: string;
  readonly createdAtMs: number;
  readonly modifiedAtMs: number;
  /** Set when the identity was merged away into another one. */
  readonly mergedInto: string | undefined;
  /** Set when the identity was merged away or lost its last login; it can no longer be used. */
  readonly disabledAtMs: number | undefined;
}

export interface LoginRecord {
  readonly poolId: string;
  readonly provider: string;
  readonly subject: string;
  readonly identityId: string;
  /** A developer user id: an identity may hold several of one developer provider. */
  readonly developer?: boolean;
}

export interface Page<T> {
  readonly items: readonly T[];
  /** Key to continue after, when there may be more. */
  readonly nextAfter: string | undefined;
}

/** One of idpool's RS512 keys for its own OpenID tokens. JWKs are JSON text. */
export interface SigningKeyRecord {
  readonly kid: string;
  readonly privateJwk: string;
  readonly publicJwk: string;
  readonly createdAtMs: number;
  /** When a newer key took over signing; the key stays published while its tokens live. */
  readonly supersededAtMs: number | undefined;
}

/** An AES-256-GCM key of the keyring that seals session tokens (base64 secret). */
/**
 * "Credentials of this identity (or of any identity of this pool) issued before this time are no
 * longer honoured" (README: Revocation). One row per target: a later revocation moves the time on.
 */
export interface RevocationRecord {
  readonly scope: "identity" | "pool";
  /** The identity id or the pool id. */
  readonly target: string;
  readonly issuedBeforeMs: number;
  readonly createdAtMs: number;
}

export interface SealingKeyRecord {
  readonly keyId: string;
  readonly secret: string;
  readonly createdAtMs: number;
}
