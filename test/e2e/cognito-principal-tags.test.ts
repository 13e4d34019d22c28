import {
  GetPrincipalTagAttributeMapCommand,
  SetPrincipalTagAttributeMapCommand,
} from "@aws-sdk/client-cognito-identity";
import { describe, expect, it } from "vitest";
import { errorOf } from "../support/server.js";
import { oidcArn, poolId, server, setupTaggedPoolFixture, strip, USER_POOL } from "../support/tagged-pool-fixture.js";

/** SetPrincipalTagAttributeMap and GetPrincipalTagAttributeMap (reference §2.3, §3.7). */
setupTaggedPoolFixture();

describe("principal tag attribute maps", () => {
  it("sets a custom map for an OIDC provider and reads it back", async () => {
    const input = {
      IdentityPoolId: poolId,
      IdentityProviderName: "token.example.com",
      UseDefaults: false,
      PrincipalTags: { repository: "repository", actor: "actor" },
    };
    expect(strip(await server.cognito.send(new SetPrincipalTagAttributeMapCommand(input)))).toEqual(input);
    const read = await server.cognito.send(
      new GetPrincipalTagAttributeMapCommand({ IdentityPoolId: poolId, IdentityProviderName: "token.example.com" }),
    );
    expect(strip(read)).toEqual(input);
  });

  it("sets defaults for a user pool, and a later call replaces the earlier map", async () => {
    await server.cognito.send(
      new SetPrincipalTagAttributeMapCommand({
        IdentityPoolId: poolId,
        IdentityProviderName: USER_POOL,
        PrincipalTags: { tenant: "custom:tenant" },
      }),
    );
    const out = await server.cognito.send(
      new SetPrincipalTagAttributeMapCommand({
        IdentityPoolId: poolId,
        IdentityProviderName: USER_POOL,
        UseDefaults: true,
      }),
    );
    const expected = { IdentityPoolId: poolId, IdentityProviderName: USER_POOL, UseDefaults: true };
    expect(strip(out)).toEqual(expected);
    const read = await server.cognito.send(
      new GetPrincipalTagAttributeMapCommand({ IdentityPoolId: poolId, IdentityProviderName: USER_POOL }),
    );
    expect(strip(read)).toEqual(expected);
  });

  it("refuses a provider the pool does not have", async () => {
    const error = await errorOf(() =>
      server.cognito.send(
        new SetPrincipalTagAttributeMapCommand({
          IdentityPoolId: poolId,
          IdentityProviderName: "accounts.google.com",
          UseDefaults: true,
        }),
      ),
    );
    expect({ name: error.name, message: error.message }).toEqual({
      name: "InvalidParameterException",
      message: "(accounts.google.com) is not a configured provider of this identity pool.",
    });
  });

  it("answers ResourceNotFoundException for a provider never set, and for an unknown pool", async () => {
    const never = await errorOf(() =>
      server.cognito.send(
        new GetPrincipalTagAttributeMapCommand({ IdentityPoolId: poolId, IdentityProviderName: oidcArn }),
      ),
    );
    expect({ name: never.name, message: never.message }).toEqual({
      name: "ResourceNotFoundException",
      message: `No principal tag attribute map is set for provider (${oidcArn}) in IdentityPool '${poolId}'.`,
    });
    const unknown = "us-east-1:00000000-0000-4000-8000-0000000000ee";
    for (const send of [
      () =>
        server.cognito.send(
          new GetPrincipalTagAttributeMapCommand({ IdentityPoolId: unknown, IdentityProviderName: USER_POOL }),
        ),
      () =>
        server.cognito.send(
          new SetPrincipalTagAttributeMapCommand({
            IdentityPoolId: unknown,
            IdentityProviderName: USER_POOL,
            UseDefaults: true,
          }),
        ),
    ]) {
      const error = await errorOf(send);
      expect({ name: error.name, message: error.message }).toEqual({
        name: "ResourceNotFoundException",
        message: `IdentityPool '${unknown}' not found.`,
      });
    }
  });

  it("refuses more than 50 principal tags with ValidationException", async () => {
    const tags = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`t${i}`, "sub"]));
    const error = await errorOf(() =>
      server.cognito.send(
        new SetPrincipalTagAttributeMapCommand({
          IdentityPoolId: poolId,
          IdentityProviderName: USER_POOL,
          PrincipalTags: tags,
        }),
      ),
    );
    expect(error.name).toBe("ValidationException");
    expect(error.message).toMatch(
      /^1 validation error detected: Value '.*' at 'principalTags' failed to satisfy constraint: Member must have length less than or equal to 50$/,
    );
  });
});
