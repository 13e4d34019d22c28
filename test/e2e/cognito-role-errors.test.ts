import { GetIdentityPoolRolesCommand, SetIdentityPoolRolesCommand } from "@aws-sdk/client-cognito-identity";
import { beforeEach, describe, expect, it } from "vitest";
import {
  getRoles,
  poolId,
  roles,
  rule,
  server,
  setupRolesFixture,
  USER_POOL,
  USER_POOL_KEY,
} from "../support/roles-fixture.js";
import { errorOf } from "../support/server.js";

/** SetIdentityPoolRoles and GetIdentityPoolRoles refusals (reference §2.4, §4.2). */
const ACCOUNT = "000000000000";
setupRolesFixture();

describe("SetIdentityPoolRoles / GetIdentityPoolRoles errors", () => {
  describe("refusals leave the roles as they were", () => {
    const before = { authenticated: "", unauthenticated: "" };
    beforeEach(async () => {
      Object.assign(before, { authenticated: roles.Auth, unauthenticated: roles.Unauth });
      await server.cognito.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: poolId, Roles: before }));
    });

    async function expectRefused(
      input: Omit<ConstructorParameters<typeof SetIdentityPoolRolesCommand>[0], "IdentityPoolId">,
      name: string,
      message: string,
    ) {
      const error = await errorOf(() =>
        server.cognito.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: poolId, ...input })),
      );
      expect({ name: error.name, message: error.message }).toEqual({ name, message });
      expect(await getRoles()).toEqual({ IdentityPoolId: poolId, Roles: before });
    }

    it("refuses a role that does not exist, naming it as given", async () => {
      const missing = `arn:aws:iam::${ACCOUNT}:role/Missing`;
      await expectRefused(
        { Roles: { authenticated: missing } },
        "NotAuthorizedException",
        `Access to Role '${missing}' is forbidden.`,
      );
      await expectRefused(
        { Roles: { authenticated: "Cognito_pool_Auth_Role" } },
        "NotAuthorizedException",
        "Access to Role 'Cognito_pool_Auth_Role' is forbidden.",
      );
      const otherAccount = "arn:aws:iam::111111111111:role/Auth";
      await expectRefused(
        { Roles: { authenticated: otherAccount } },
        "NotAuthorizedException",
        `Access to Role '${otherAccount}' is forbidden.`,
      );
    });

    it("refuses a RoleMappings key that is not a configured provider", async () => {
      for (const key of [USER_POOL, `https://${USER_POOL}`, "graph.facebook.com"]) {
        await expectRefused(
          { Roles: {}, RoleMappings: { [key]: { Type: "Token", AmbiguousRoleResolution: "Deny" } } },
          "InvalidParameterException",
          `(${key}) is not a valid RoleMapping ProviderName or is not a configured provider.`,
        );
      }
    });

    it("refuses malformed mappings", async () => {
      await expectRefused(
        { Roles: {}, RoleMappings: { [USER_POOL_KEY]: { Type: "Token" } } },
        "InvalidParameterException",
        `AmbiguousRoleResolution must be specified for the Token role mapping of (${USER_POOL_KEY}).`,
      );
      await expectRefused(
        { Roles: {}, RoleMappings: { [USER_POOL_KEY]: { Type: "Rules", AmbiguousRoleResolution: "Deny" } } },
        "InvalidParameterException",
        `RulesConfiguration must be specified for the Rules role mapping of (${USER_POOL_KEY}).`,
      );
      await expectRefused(
        {
          Roles: {},
          RoleMappings: {
            [USER_POOL_KEY]: {
              Type: "Rules",
              AmbiguousRoleResolution: "Deny",
              RulesConfiguration: { Rules: Array.from({ length: 26 }, (_, i) => rule({ Value: `v${i}` })) },
            },
          },
        },
        "InvalidParameterException",
        `The role mapping of (${USER_POOL_KEY}) has 26 rules; at most 25 rules are allowed per provider.`,
      );
      const missing = `arn:aws:iam::${ACCOUNT}:role/NoSuchRole`;
      await expectRefused(
        {
          Roles: {},
          RoleMappings: {
            [USER_POOL_KEY]: {
              Type: "Rules",
              AmbiguousRoleResolution: "Deny",
              RulesConfiguration: { Rules: [rule(), rule({ RoleARN: missing })] },
            },
          },
        },
        "NotAuthorizedException",
        `Access to Role '${missing}' is forbidden.`,
      );
    });

    it("refuses model violations with ValidationException", async () => {
      await expectRefused(
        { Roles: {}, RoleMappings: { [USER_POOL_KEY]: { Type: "Other" as "Token", AmbiguousRoleResolution: "Deny" } } },
        "ValidationException",
        `1 validation error detected: Value 'Other' at 'roleMappings.${USER_POOL_KEY}.member.type' failed to satisfy constraint: ` +
          "Member must satisfy enum value set: [Token, Rules]",
      );
      const error = await errorOf(() =>
        server.cognito.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: poolId, Roles: { admin: roles.Auth } })),
      );
      expect(error.name).toBe("ValidationException");
    });
  });

  it("answers an unknown pool with ResourceNotFoundException", async () => {
    const unknown = "us-east-1:00000000-0000-4000-8000-0000000000ff";
    for (const send of [
      () => server.cognito.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: unknown })),
      () =>
        server.cognito.send(
          new SetIdentityPoolRolesCommand({ IdentityPoolId: unknown, Roles: { authenticated: roles.Auth } }),
        ),
    ]) {
      const error = await errorOf(send);
      expect({ name: error.name, message: error.message }).toEqual({
        name: "ResourceNotFoundException",
        message: `IdentityPool '${unknown}' not found.`,
      });
    }
  });
});
