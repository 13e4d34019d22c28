import type { TrustRequest } from "../../iam/index.js";

/**
 * The principal of every Cognito session, and the logins key of Cognito's own tokens: the two are
 * the same name on AWS (reference §3.8, §6.3).
 */
export const COGNITO_IDENTITY = "cognito-identity.amazonaws.com";

/** STS's default DurationSeconds, and the lifetime of enhanced-flow credentials (reference §6.1–6.4). */
export const DEFAULT_SESSION_SECONDS = 3600;

/** What a Cognito token presents to a role's trust policy (reference §6.3). */
export interface CognitoSession {
  readonly principal: TrustRequest["principal"];
  readonly context: Record<string, string[]>;
}

/**
 * The principal and condition keys of a session for a Cognito identity, whether the enhanced flow
 * assumes the role itself or the client brings idpool's OpenID token to AssumeRoleWithWebIdentity.
 */
export function cognitoSession(poolId: string, identityId: string, amr: readonly string[]): CognitoSession {
  return {
    principal: { type: "Federated", id: COGNITO_IDENTITY },
    context: {
      [`${COGNITO_IDENTITY}:aud`]: [poolId],
      [`${COGNITO_IDENTITY}:sub`]: [identityId],
      [`${COGNITO_IDENTITY}:amr`]: [...amr],
    },
  };
}

/** The identity and pool a session's condition keys name, when it is a Cognito session. */
export function cognitoIdentityOf(
  context: Readonly<Record<string, readonly string[]>> | undefined,
): { readonly identityId: string; readonly poolId: string } | undefined {
  const identityId = context?.[`${COGNITO_IDENTITY}:sub`]?.[0];
  const poolId = context?.[`${COGNITO_IDENTITY}:aud`]?.[0];
  return identityId !== undefined && poolId !== undefined ? { identityId, poolId } : undefined;
}
