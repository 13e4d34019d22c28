import {
  CreateIdentityPoolCommand,
  DeleteIdentityPoolCommand,
  DescribeIdentityPoolCommand,
  UpdateIdentityPoolCommand,
} from "@aws-sdk/client-cognito-identity";
import { describe, expect, it } from "vitest";
import { USER_POOL, usePoolAdminServer, withoutMetadata } from "../support/pool-admin-fixture.js";
import { errorOf } from "../support/server.js";

/** UpdateIdentityPool and DeleteIdentityPool (reference §2.3, §2.4). */

const admin = usePoolAdminServer();

describe("UpdateIdentityPool", () => {
  it("replaces the configuration, resetting omitted members but keeping the developer provider name", async () => {
    const created = await admin.server.cognito.send(
      new CreateIdentityPoolCommand({
        IdentityPoolName: "before",
        AllowUnauthenticatedIdentities: true,
        AllowClassicFlow: true,
        SupportedLoginProviders: { "accounts.google.com": "client.apps" },
        DeveloperProviderName: "login.example.app",
        OpenIdConnectProviderARNs: [admin.oidcArn],
        IdentityPoolTags: { team: "a" },
      }),
    );
    const poolId = created.IdentityPoolId ?? "";
    const updated = await admin.server.cognito.send(
      new UpdateIdentityPoolCommand({
        IdentityPoolId: poolId,
        IdentityPoolName: "after",
        AllowUnauthenticatedIdentities: false,
      }),
    );
    const expected = {
      IdentityPoolId: poolId,
      IdentityPoolName: "after",
      AllowUnauthenticatedIdentities: false,
      AllowClassicFlow: false,
      DeveloperProviderName: "login.example.app",
      IdentityPoolTags: { team: "a" },
    };
    expect(withoutMetadata(updated)).toEqual(expected);
    const described = await admin.server.cognito.send(new DescribeIdentityPoolCommand({ IdentityPoolId: poolId }));
    expect(withoutMetadata(described)).toEqual(expected);

    const retagged = await admin.server.cognito.send(
      new UpdateIdentityPoolCommand({
        IdentityPoolId: poolId,
        IdentityPoolName: "after",
        AllowUnauthenticatedIdentities: false,
        CognitoIdentityProviders: [{ ProviderName: USER_POOL, ClientId: "client1" }],
        IdentityPoolTags: { env: "prod" },
      }),
    );
    expect(retagged.IdentityPoolTags).toEqual({ env: "prod" });
    expect(retagged.CognitoIdentityProviders).toEqual([
      { ProviderName: USER_POOL, ClientId: "client1", ServerSideTokenCheck: false },
    ]);
  });

  it("refuses to change the developer provider name and leaves the pool as it was", async () => {
    const created = await admin.server.cognito.send(
      new CreateIdentityPoolCommand({
        IdentityPoolName: "dev",
        AllowUnauthenticatedIdentities: false,
        DeveloperProviderName: "login.first",
      }),
    );
    const poolId = created.IdentityPoolId ?? "";
    const error = await errorOf(() =>
      admin.server.cognito.send(
        new UpdateIdentityPoolCommand({
          IdentityPoolId: poolId,
          IdentityPoolName: "renamed",
          AllowUnauthenticatedIdentities: true,
          DeveloperProviderName: "login.second",
        }),
      ),
    );
    expect({ name: error.name, message: error.message }).toEqual({
      name: "InvalidParameterException",
      message: "DeveloperProviderName cannot be changed once set; it is 'login.first'.",
    });
    const refused = await errorOf(() =>
      admin.server.cognito.send(
        new UpdateIdentityPoolCommand({
          IdentityPoolId: poolId,
          IdentityPoolName: "renamed",
          AllowUnauthenticatedIdentities: true,
          SupportedLoginProviders: { "idp.example.com": "x" },
        }),
      ),
    );
    expect(refused.name).toBe("InvalidParameterException");
    const described = await admin.server.cognito.send(new DescribeIdentityPoolCommand({ IdentityPoolId: poolId }));
    expect(withoutMetadata(described)).toEqual(withoutMetadata(created));
  });

  it("answers an unknown pool with ResourceNotFoundException before checking the configuration", async () => {
    const poolId = "us-east-1:00000000-0000-4000-8000-00000000abcd";
    const error = await errorOf(() =>
      admin.server.cognito.send(
        new UpdateIdentityPoolCommand({
          IdentityPoolId: poolId,
          IdentityPoolName: "x",
          AllowUnauthenticatedIdentities: false,
          SupportedLoginProviders: { "idp.example.com": "x" },
        }),
      ),
    );
    expect({ name: error.name, message: error.message }).toEqual({
      name: "ResourceNotFoundException",
      message: `IdentityPool '${poolId}' not found.`,
    });
  });
});

describe("DeleteIdentityPool", () => {
  it("deletes the pool with its identities, then answers ResourceNotFoundException", async () => {
    const poolId = (await admin.createPool("doomed")).IdentityPoolId ?? "";
    const identityId = "us-east-1:11111111-1111-4111-8111-111111111111";
    await admin.server.app.store.identities.create({
      identityId,
      poolId,
      createdAtMs: 1,
      modifiedAtMs: 1,
      mergedInto: undefined,
      disabledAtMs: undefined,
    });
    const out = await admin.server.cognito.send(new DeleteIdentityPoolCommand({ IdentityPoolId: poolId }));
    expect(withoutMetadata(out)).toEqual({});
    expect(await admin.server.app.store.identities.get(identityId)).toBeUndefined();
    for (const send of [
      () => admin.server.cognito.send(new DescribeIdentityPoolCommand({ IdentityPoolId: poolId })),
      () => admin.server.cognito.send(new DeleteIdentityPoolCommand({ IdentityPoolId: poolId })),
    ]) {
      const error = await errorOf(send);
      expect({ name: error.name, message: error.message }).toEqual({
        name: "ResourceNotFoundException",
        message: `IdentityPool '${poolId}' not found.`,
      });
    }
  });
});
