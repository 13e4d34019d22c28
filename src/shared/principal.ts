/**
 * Who made a signed request, as SigV4 established it (auth/ verifies, protocol/ carries it in the
 * request context, operations read it). Not to be confused with a policy document's `Principal`
 * element, which iam/ calls `PolicyPrincipal`.
 */
export interface Principal {
  readonly accessKeyId: string;
  readonly kind: "root" | "session";
  /** ARN for GetCallerIdentity-style answers. */
  readonly arn: string;
  readonly userId: string;
  readonly accountId: string;
  /** Temporary credentials only: what the session was issued with, for policies and revocation. */
  readonly session?: PrincipalSession;
}

/**
 * What a set of temporary credentials carries beyond who signed: the role, when it was issued,
 * its session tags and session policy, and the web identity's condition keys, which a permission
 * policy may test (aws:TokenIssueTime, aws:PrincipalTag/*, cognito-identity.amazonaws.com:sub …).
 */
export interface PrincipalSession {
  readonly roleArn: string;
  readonly issuedAtMs: number;
  readonly expiresAtMs: number;
  readonly tags: Readonly<Record<string, string>>;
  /** The inline session policy (JSON text) passed when the role was assumed, if any. */
  readonly policy?: string;
  /** Managed policies passed as session policies (PolicyArns), if any. */
  readonly policyArns?: readonly string[];
  /** The web identity's condition keys (`<provider>:aud`, `:sub`, `:amr`) at issue. */
  readonly context: Readonly<Record<string, readonly string[]>>;
  /** Cognito sessions only: the identity and its pool. */
  readonly identityId?: string;
  readonly poolId?: string;
}
