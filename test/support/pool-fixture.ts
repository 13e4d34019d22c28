import { CreateIdentityPoolCommand, SetIdentityPoolRolesCommand } from "@aws-sdk/client-cognito-identity";
import { CreateOpenIDConnectProviderCommand, CreateRoleCommand } from "@aws-sdk/client-iam";
import { startTestOidcProvider, type TestOidcProvider, type TestOidcProviderOptions } from "./oidc-provider.js";
import { startTestServer, type TestServer, type TestServerOptions } from "./server.js";

export const ACCOUNT = "000000000000";

/** The trust policy of reference §6.3 for a pool, for authenticated or guest identities. */
export function cognitoTrustPolicy(
  poolId: string,
  amr: "authenticated" | "unauthenticated",
  actions: string[] = ["sts:AssumeRoleWithWebIdentity"],
): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Federated: "cognito-identity.amazonaws.com" },
        Action: actions,
        Condition: {
          StringEquals: { "cognito-identity.amazonaws.com:aud": poolId },
          "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": amr },
        },
      },
    ],
  });
}

export interface PoolFixture {
  readonly server: TestServer;
  readonly idp: TestOidcProvider;
  readonly providerArn: string;
  readonly poolId: string;
  readonly authRoleArn: string;
  readonly unauthRoleArn: string;
  /** Registers another IAM OIDC provider (e.g. a second test provider) and returns its ARN. */
  registerProvider(idp: TestOidcProvider): Promise<string>;
  createRole(name: string, trustPolicy: string): Promise<string>;
  stop(): Promise<void>;
}

export interface PoolFixtureOptions {
  readonly server?: TestServerOptions;
  readonly idp?: TestOidcProviderOptions;
  readonly allowUnauthenticated?: boolean;
  readonly allowClassicFlow?: boolean;
}

/**
 * A listening idpool, a test OpenID provider over HTTPS (pinned by its intermediate's
 * thumbprint), an IAM provider for it, a pool using it, and authenticated and guest roles with the
 * documented trust policies, all made through the official SDK clients.
 */
export async function startPoolFixture(options: PoolFixtureOptions = {}): Promise<PoolFixture> {
  const server = await startTestServer(options.server);
  const idp = await startTestOidcProvider(options.idp);
  const registerProvider = async (p: TestOidcProvider): Promise<string> => {
    const out = await server.iam.send(
      new CreateOpenIDConnectProviderCommand({
        Url: p.url,
        ClientIDList: [p.clientId],
        ThumbprintList: [p.ca.intermediate.thumbprint],
      }),
    );
    return out.OpenIDConnectProviderArn ?? "";
  };
  const createRole = async (name: string, trustPolicy: string): Promise<string> => {
    const out = await server.iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trustPolicy }));
    return out.Role?.Arn ?? "";
  };
  const providerArn = await registerProvider(idp);
  const pool = await server.cognito.send(
    new CreateIdentityPoolCommand({
      IdentityPoolName: "Fixture",
      AllowUnauthenticatedIdentities: options.allowUnauthenticated ?? true,
      AllowClassicFlow: options.allowClassicFlow ?? true,
      OpenIdConnectProviderARNs: [providerArn],
    }),
  );
  const poolId = pool.IdentityPoolId ?? "";
  const authRoleArn = await createRole("FixtureAuth", cognitoTrustPolicy(poolId, "authenticated"));
  const unauthRoleArn = await createRole("FixtureGuest", cognitoTrustPolicy(poolId, "unauthenticated"));
  await server.cognito.send(
    new SetIdentityPoolRolesCommand({
      IdentityPoolId: poolId,
      Roles: { authenticated: authRoleArn, unauthenticated: unauthRoleArn },
    }),
  );
  return {
    server,
    idp,
    providerArn,
    poolId,
    authRoleArn,
    unauthRoleArn,
    registerProvider,
    createRole,
    async stop() {
      await server.stop();
      await idp.stop();
    },
  };
}
