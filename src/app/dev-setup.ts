import type { TestProviders } from "../dev/index.js";
import { loginsKeyOf } from "../iam/index.js";
import { oidcProviderArn, roleArn } from "../shared/index.js";

/** The pinned id of `idpool dev`'s default pool, so scripts and tests can name it (CONTRACT.md). */
export const DEV_POOL_GUID = "00000000-0000-4000-8000-000000000000";
export const DEV_POOL_NAME = "dev-pool";
export const DEV_ROLES = { authenticated: "dev-authenticated", unauthenticated: "dev-unauthenticated" } as const;

/** The trust policy of reference §6.3: Cognito identities of this pool, of one kind. */
function cognitoTrust(poolId: string, amr: "authenticated" | "unauthenticated") {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Federated: "cognito-identity.amazonaws.com" },
        Action: ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"],
        Condition: {
          StringEquals: { "cognito-identity.amazonaws.com:aud": poolId },
          "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": amr },
        },
      },
    ],
  };
}

/**
 * `idpool dev`'s setup when no setup file is given, as a setup file would say it: every test
 * provider registered as an IAM OpenID Connect provider, `dev-pool` with the pinned id using them,
 * guests and the classic flow allowed, and an authenticated and an unauthenticated role whose trust
 * policies name that pool. Applied through the API like any setup file, so a restart changes
 * nothing and a later setup file leaves it alone.
 */
export function defaultDevSetup(providers: TestProviders, region: string, accountId: string): object {
  const poolId = `${region}:${DEV_POOL_GUID}`;
  const issuers = providers.names().map((name) => ({ name, issuer: providers.issuer(name) }));
  return {
    name: "idpool-dev-default",
    openIdConnectProviders: issuers.map(({ name, issuer }) => ({
      url: issuer,
      clientIds: [...providers.clientIds(name)],
      thumbprints: [],
    })),
    roles: [
      { name: DEV_ROLES.authenticated, trustPolicy: cognitoTrust(poolId, "authenticated") },
      { name: DEV_ROLES.unauthenticated, trustPolicy: cognitoTrust(poolId, "unauthenticated") },
    ],
    identityPools: [
      {
        name: DEV_POOL_NAME,
        id: poolId,
        allowUnauthenticatedIdentities: true,
        allowClassicFlow: true,
        openIdConnectProviderARNs: issuers.map(({ issuer }) => oidcProviderArn(accountId, loginsKeyOf(issuer))),
        roles: {
          authenticated: roleArn(accountId, "/", DEV_ROLES.authenticated),
          unauthenticated: roleArn(accountId, "/", DEV_ROLES.unauthenticated),
        },
      },
    ],
  };
}
