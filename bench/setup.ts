import {
  CognitoIdentityClient,
  CreateIdentityPoolCommand,
  SetIdentityPoolRolesCommand,
} from "@aws-sdk/client-cognito-identity";
import { CreateOpenIDConnectProviderCommand, CreateRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import type { TestOidcProvider } from "../test/support/oidc-provider.js";
import { cognitoTrustPolicy } from "../test/support/pool-fixture.js";

export const BENCH_ROOT = {
  accessKeyId: "AKIABENCHROOT0000000",
  secretAccessKey: "bench-root-secret-0123456789abcdefghij",
};

export interface BenchPool {
  readonly poolId: string;
  readonly providerArn: string;
  /** Trusts `cognito-identity.amazonaws.com` for this pool's authenticated identities. */
  readonly authRoleArn: string;
  /**
   * Trusts the provider itself (`Federated: <provider ARN>`, its audience): AssumeRoleWithWebIdentity
   * with the provider's RS256 ID tokens, the first-seen row's token.
   */
  readonly providerRoleArn: string;
}

/** Provider ID tokens of this provider's client may assume the role (as in test/e2e/flows-sts.test.ts). */
function providerTrustPolicy(providerArn: string, idp: TestOidcProvider): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Federated: providerArn },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: { StringEquals: { [`${idp.loginsKey}:aud`]: idp.clientId } },
      },
    ],
  });
}

/**
 * The provider, role and pool, made through the official SDK clients as a user would
 * (like test/support/pool-fixture.ts): the provider pinned by the test CA's intermediate
 * thumbprint, classic flow on so GetOpenIdToken is allowed, and a role trusting the provider directly.
 */
export async function createBenchPool(url: string, idp: TestOidcProvider): Promise<BenchPool> {
  const clientConfig = { endpoint: url, region: "us-east-1", credentials: BENCH_ROOT, maxAttempts: 1 };
  const iam = new IAMClient(clientConfig);
  const cognito = new CognitoIdentityClient(clientConfig);
  try {
    const provider = await iam.send(
      new CreateOpenIDConnectProviderCommand({
        Url: idp.url,
        ClientIDList: [idp.clientId],
        ThumbprintList: [idp.ca.intermediate.thumbprint],
      }),
    );
    const providerArn = provider.OpenIDConnectProviderArn ?? "";
    const pool = await cognito.send(
      new CreateIdentityPoolCommand({
        IdentityPoolName: "Bench",
        AllowUnauthenticatedIdentities: false,
        AllowClassicFlow: true,
        OpenIdConnectProviderARNs: [providerArn],
      }),
    );
    const poolId = pool.IdentityPoolId ?? "";
    const role = await iam.send(
      new CreateRoleCommand({
        RoleName: "BenchAuthenticated",
        AssumeRolePolicyDocument: cognitoTrustPolicy(poolId, "authenticated"),
      }),
    );
    const authRoleArn = role.Role?.Arn ?? "";
    await cognito.send(
      new SetIdentityPoolRolesCommand({ IdentityPoolId: poolId, Roles: { authenticated: authRoleArn } }),
    );
    const direct = await iam.send(
      new CreateRoleCommand({
        RoleName: "BenchWebIdentity",
        AssumeRolePolicyDocument: providerTrustPolicy(providerArn, idp),
      }),
    );
    return { poolId, providerArn, authRoleArn, providerRoleArn: direct.Role?.Arn ?? "" };
  } finally {
    iam.destroy();
    cognito.destroy();
  }
}
