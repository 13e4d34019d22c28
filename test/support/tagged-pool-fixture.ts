import { CreateIdentityPoolCommand } from "@aws-sdk/client-cognito-identity";
import { CreateOpenIDConnectProviderCommand } from "@aws-sdk/client-iam";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { startTestServer, type TestServer } from "./server.js";

/**
 * Shared set-up of the tag suites: a server, an OIDC provider and, before each test, a fresh
 * tagged pool with an OIDC and a user-pool provider. Live bindings: read them inside tests.
 */
export const ACCOUNT = "000000000000";
export const USER_POOL = "cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc123";

export let server: TestServer;
export let oidcArn: string;
export let poolId: string;
export let poolArn: string;

export function setupTaggedPoolFixture(): void {
  beforeAll(async () => {
    server = await startTestServer();
    const provider = await server.iam.send(
      new CreateOpenIDConnectProviderCommand({ Url: "https://token.example.com", ClientIDList: ["sts.amazonaws.com"] }),
    );
    oidcArn = provider.OpenIDConnectProviderArn ?? "";
  });
  afterAll(() => server.stop());

  beforeEach(async () => {
    const out = await server.cognito.send(
      new CreateIdentityPoolCommand({
        IdentityPoolName: "tags",
        AllowUnauthenticatedIdentities: false,
        OpenIdConnectProviderARNs: [oidcArn],
        CognitoIdentityProviders: [{ ProviderName: USER_POOL, ClientId: "client1" }],
        IdentityPoolTags: { team: "identity" },
      }),
    );
    poolId = out.IdentityPoolId ?? "";
    poolArn = `arn:aws:cognito-identity:us-east-1:${ACCOUNT}:identitypool/${poolId}`;
  });
}

export const strip = <T extends { $metadata?: unknown }>(out: T): Omit<T, "$metadata"> => {
  const { $metadata: _m, ...rest } = out;
  return rest;
};
