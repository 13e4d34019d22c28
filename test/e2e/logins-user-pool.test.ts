import {
  CreateIdentityPoolCommand,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetOpenIdTokenCommand,
  SetIdentityPoolRolesCommand,
} from "@aws-sdk/client-cognito-identity";
import { CreateRoleCommand } from "@aws-sdk/client-iam";
import { AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestOidcProvider, type TestOidcProvider } from "../support/oidc-provider.js";
import { cognitoTrustPolicy } from "../support/pool-fixture.js";
import { cognitoCredentials, errorOf, type TestServer } from "../support/server.js";
import { authenticatedRole, startTrustingServer } from "../support/trusted-server.js";

/** Cognito user-pool providers (reference §3.6, §4.1), with a local stand-in pool. */
let server: TestServer;
let userPool: TestOidcProvider;
let name: string;
let poolId: string;
let defaultRole: string;
let adminRole: string;
beforeAll(async () => {
  server = await startTrustingServer();
  userPool = await startTestOidcProvider({ path: "/us-east-1_Stand1n", clientId: "appclient1" });
  name = userPool.loginsKey;
  const pool = await server.cognito.send(
    new CreateIdentityPoolCommand({
      IdentityPoolName: "UserPools",
      AllowUnauthenticatedIdentities: false,
      AllowClassicFlow: true,
      CognitoIdentityProviders: [{ ProviderName: name, ClientId: "appclient1", ServerSideTokenCheck: true }],
    }),
  );
  poolId = pool.IdentityPoolId ?? "";
  defaultRole = await authenticatedRole(server, poolId, "UserPoolDefault");
  adminRole =
    (
      await server.iam.send(
        new CreateRoleCommand({
          RoleName: "UserPoolAdmins",
          AssumeRolePolicyDocument: cognitoTrustPolicy(poolId, "authenticated"),
        }),
      )
    ).Role?.Arn ?? "";
  await server.cognito.send(
    new SetIdentityPoolRolesCommand({
      IdentityPoolId: poolId,
      Roles: { authenticated: defaultRole },
      RoleMappings: { [`${name}:appclient1`]: { Type: "Token", AmbiguousRoleResolution: "AuthenticatedRole" } },
    }),
  );
});
afterAll(async () => {
  await server?.stop();
  await userPool?.stop();
});

const idToken = (claims: Record<string, unknown>) => userPool.issueToken({ token_use: "id", ...claims });

async function callerArn(identityId: string, token: string, customRoleArn?: string): Promise<string> {
  const creds = await server.cognito.send(
    new GetCredentialsForIdentityCommand({
      IdentityId: identityId,
      Logins: { [name]: token },
      CustomRoleArn: customRoleArn,
    }),
  );
  const sts = new STSClient({
    endpoint: server.url,
    region: "us-east-1",
    credentials: cognitoCredentials(creds.Credentials),
  });
  const arn = (await sts.send(new GetCallerIdentityCommand({}))).Arn ?? "";
  sts.destroy();
  return arn;
}

describe("user-pool logins", () => {
  it("verifies the ID token and writes the user-pool amr", async () => {
    const token = await idToken({ sub: "pool-user-1" });
    const { IdentityId } = await server.cognito.send(
      new GetIdCommand({ IdentityPoolId: poolId, Logins: { [name]: token } }),
    );
    const openId = await server.cognito.send(new GetOpenIdTokenCommand({ IdentityId, Logins: { [name]: token } }));
    expect(decodeJwt(openId.Token ?? "").amr).toEqual(["authenticated", name, `${name}:CognitoSignIn:pool-user-1`]);
    // The basic flow: idpool's token to STS for a role trusting the pool's authenticated identities.
    const sts = new STSClient({
      endpoint: server.url,
      region: "us-east-1",
      credentials: { accessKeyId: "-", secretAccessKey: "-" },
    });
    const assumed = await sts.send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: defaultRole,
        RoleSessionName: "basic",
        WebIdentityToken: openId.Token,
      }),
    );
    sts.destroy();
    expect(assumed.SubjectFromWebIdentityToken).toBe(IdentityId);
  });

  it("chooses roles from cognito:preferred_role and cognito:roles with CustomRoleArn", async () => {
    const preferred = await idToken({ sub: "pool-admin", "cognito:preferred_role": adminRole });
    const { IdentityId } = await server.cognito.send(
      new GetIdCommand({ IdentityPoolId: poolId, Logins: { [name]: preferred } }),
    );
    expect(await callerArn(IdentityId ?? "", preferred)).toContain("assumed-role/UserPoolAdmins/");
    const plain = await idToken({ sub: "pool-admin" });
    expect(await callerArn(IdentityId ?? "", plain)).toContain("assumed-role/UserPoolDefault/");
    const roles = await idToken({ sub: "pool-admin", "cognito:roles": `${defaultRole},${adminRole}` });
    expect(await callerArn(IdentityId ?? "", roles, adminRole)).toContain("assumed-role/UserPoolAdmins/");
    const error = await errorOf(() => callerArn(IdentityId ?? "", plain, adminRole));
    expect([error.name, error.message]).toEqual([
      "NotAuthorizedException",
      `Access to Role '${adminRole}' is forbidden.`,
    ]);
  });

  it("refuses access tokens and tokens of another app client", async () => {
    const access = await userPool.issueToken(
      { sub: "pool-user-2", token_use: "access", client_id: "appclient1" },
      { omit: ["aud"] },
    );
    const noAud = await errorOf(() =>
      server.cognito.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: { [name]: access } })),
    );
    expect([noAud.name, noAud.message]).toEqual([
      "NotAuthorizedException",
      "Invalid login token. Missing a required claim: aud",
    ]);
    const otherClient = await idToken({ sub: "pool-user-2", aud: "otherclient" });
    const wrong = await errorOf(() =>
      server.cognito.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: { [name]: otherClient } })),
    );
    expect(wrong.message).toBe("Token is not from a supported provider of this identity pool.");
  });
});
