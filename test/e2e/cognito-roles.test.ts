import {
  type RoleMapping,
  SetIdentityPoolRolesCommand,
  UpdateIdentityPoolCommand,
} from "@aws-sdk/client-cognito-identity";
import { describe, expect, it } from "vitest";
import {
  getRoles,
  oidcArn,
  poolId,
  roles,
  rule,
  server,
  setupRolesFixture,
  USER_POOL,
  USER_POOL_KEY,
} from "../support/roles-fixture.js";

/** SetIdentityPoolRoles and GetIdentityPoolRoles (reference §2.4, §3.6, §4.2). */
setupRolesFixture();

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
