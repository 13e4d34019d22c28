import { CreateIdentityPoolCommand, GetIdentityPoolRolesCommand } from "@aws-sdk/client-cognito-identity";
import { CreateOpenIDConnectProviderCommand, CreateRoleCommand } from "@aws-sdk/client-iam";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { startTestServer, type TestServer } from "./server.js";

/**
 * Shared set-up of the SetIdentityPoolRoles suites: a server, an OIDC provider, three roles and,
 * before each test, a fresh pool with a public, an OIDC and a user-pool provider. The bindings are
 * live: read them inside tests, after `setupRolesFixture()` has registered its hooks.
 */
export const USER_POOL = "cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc123";
export const USER_POOL_KEY = `${USER_POOL}:client1`;
const TRUST = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Allow",
      Principal: { Federated: "cognito-identity.amazonaws.com" },
      Action: "sts:AssumeRoleWithWebIdentity",
    },
  ],
});

export let server: TestServer;
export let oidcArn: string;
export const roles = { Auth: "", Unauth: "", Gold: "" };
export let poolId: string;

export function setupRolesFixture(): void {
  beforeAll(async () => {
    server = await startTestServer();
    const provider = await server.iam.send(
      new CreateOpenIDConnectProviderCommand({ Url: "https://idp.example.com/tenant", ClientIDList: ["app"] }),
    );
    oidcArn = provider.OpenIDConnectProviderArn ?? "";
    for (const name of ["Auth", "Unauth", "Gold"] as const) {
      const out = await server.iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: TRUST }));
      roles[name] = out.Role?.Arn ?? "";
    }
  });
  afterAll(() => server.stop());

  beforeEach(async () => {
    const out = await server.cognito.send(
      new CreateIdentityPoolCommand({
        IdentityPoolName: "roles",
        AllowUnauthenticatedIdentities: true,
        SupportedLoginProviders: { "accounts.google.com": "client.apps" },
        OpenIdConnectProviderARNs: [oidcArn],
        CognitoIdentityProviders: [{ ProviderName: USER_POOL, ClientId: "client1" }],
      }),
    );
    poolId = out.IdentityPoolId ?? "";
  });
}

export const getRoles = async () => {
  const { $metadata: _m, ...rest } = await server.cognito.send(
    new GetIdentityPoolRolesCommand({ IdentityPoolId: poolId }),
  );
  return rest;
};

export const rule = (over: Record<string, string> = {}) => ({
  Claim: "custom:tier",
  MatchType: "Equals" as const,
  Value: "gold",
  RoleARN: roles.Gold,
  ...over,
});
