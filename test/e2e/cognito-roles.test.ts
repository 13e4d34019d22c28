import {
  CreateIdentityPoolCommand,
  GetIdentityPoolRolesCommand,
  type RoleMapping,
  SetIdentityPoolRolesCommand,
  UpdateIdentityPoolCommand,
} from "@aws-sdk/client-cognito-identity";
import { CreateOpenIDConnectProviderCommand, CreateRoleCommand } from "@aws-sdk/client-iam";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.js";

/** SetIdentityPoolRoles and GetIdentityPoolRoles (reference §2.4, §3.6, §4.2). */
const _ACCOUNT = "000000000000";
const USER_POOL = "cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc123";
const USER_POOL_KEY = `${USER_POOL}:client1`;
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

let server: TestServer;
let oidcArn: string;
const roles = { Auth: "", Unauth: "", Gold: "" };
let poolId: string;

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

const getRoles = async () => {
  const { $metadata: _m, ...rest } = await server.cognito.send(
    new GetIdentityPoolRolesCommand({ IdentityPoolId: poolId }),
  );
  return rest;
};

const rule = (over: Record<string, string> = {}) => ({
  Claim: "custom:tier",
  MatchType: "Equals" as const,
  Value: "gold",
  RoleARN: roles.Gold,
  ...over,
});

describe("SetIdentityPoolRoles / GetIdentityPoolRoles", () => {
  it("answers an empty Roles map for a pool that has none", async () => {
    expect(await getRoles()).toEqual({ IdentityPoolId: poolId, Roles: {} });
  });

  it("sets roles and role mappings of every provider kind, and reads them back", async () => {
    const roleMappings: Record<string, RoleMapping> = {
      [USER_POOL_KEY]: { Type: "Token", AmbiguousRoleResolution: "AuthenticatedRole" },
      "idp.example.com/tenant": {
        Type: "Rules",
        AmbiguousRoleResolution: "Deny",
        RulesConfiguration: { Rules: [rule(), rule({ MatchType: "StartsWith", Value: "plat" })] },
      },
      [oidcArn]: { Type: "Token", AmbiguousRoleResolution: "Deny" },
      "accounts.google.com": {
        Type: "Rules",
        AmbiguousRoleResolution: "Deny",
        RulesConfiguration: { Rules: [rule()] },
      },
    };
    const out = await server.cognito.send(
      new SetIdentityPoolRolesCommand({
        IdentityPoolId: poolId,
        Roles: { authenticated: roles.Auth, unauthenticated: roles.Unauth },
        RoleMappings: roleMappings,
      }),
    );
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(await getRoles()).toEqual({
      IdentityPoolId: poolId,
      Roles: { authenticated: roles.Auth, unauthenticated: roles.Unauth },
      RoleMappings: roleMappings,
    });
  });

  it("replaces everything on each call: omitted roles and mappings are removed", async () => {
    await server.cognito.send(
      new SetIdentityPoolRolesCommand({
        IdentityPoolId: poolId,
        Roles: { authenticated: roles.Auth, unauthenticated: roles.Unauth },
        RoleMappings: { [USER_POOL_KEY]: { Type: "Token", AmbiguousRoleResolution: "Deny" } },
      }),
    );
    await server.cognito.send(
      new SetIdentityPoolRolesCommand({ IdentityPoolId: poolId, Roles: { authenticated: roles.Auth } }),
    );
    expect(await getRoles()).toEqual({ IdentityPoolId: poolId, Roles: { authenticated: roles.Auth } });
    await server.cognito.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: poolId, Roles: {} }));
    expect(await getRoles()).toEqual({ IdentityPoolId: poolId, Roles: {} });
  });

  it("drops a Token mapping's RulesConfiguration", async () => {
    await server.cognito.send(
      new SetIdentityPoolRolesCommand({
        IdentityPoolId: poolId,
        Roles: {},
        RoleMappings: {
          [USER_POOL_KEY]: { Type: "Token", AmbiguousRoleResolution: "Deny", RulesConfiguration: { Rules: [rule()] } },
        },
      }),
    );
    expect((await getRoles()).RoleMappings).toEqual({
      [USER_POOL_KEY]: { Type: "Token", AmbiguousRoleResolution: "Deny" },
    });
  });

  it("drops the mappings of providers that UpdateIdentityPool removes, keeping the roles", async () => {
    const google = { Type: "Token", AmbiguousRoleResolution: "Deny" } as const;
    await server.cognito.send(
      new SetIdentityPoolRolesCommand({
        IdentityPoolId: poolId,
        Roles: { authenticated: roles.Auth },
        RoleMappings: { "accounts.google.com": google, [USER_POOL_KEY]: google },
      }),
    );
    await server.cognito.send(
      new UpdateIdentityPoolCommand({
        IdentityPoolId: poolId,
        IdentityPoolName: "roles",
        AllowUnauthenticatedIdentities: true,
        CognitoIdentityProviders: [{ ProviderName: USER_POOL, ClientId: "client1" }],
      }),
    );
    expect(await getRoles()).toEqual({
      IdentityPoolId: poolId,
      Roles: { authenticated: roles.Auth },
      RoleMappings: { [USER_POOL_KEY]: google },
    });
  });
});
