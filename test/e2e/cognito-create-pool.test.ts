import {
  CreateIdentityPoolCommand,
  DescribeIdentityPoolCommand,
  ListIdentityPoolsCommand,
} from "@aws-sdk/client-cognito-identity";
import { describe, expect, it } from "vitest";
import { USER_POOL, usePoolAdminServer, withoutMetadata } from "../support/pool-admin-fixture.js";
import { errorOf } from "../support/server.js";

/** CreateIdentityPool and DescribeIdentityPool (reference §2.3, §2.4). */
const ACCOUNT = "000000000000";
const POOL_ID_PATTERN = /^us-east-1:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const admin = usePoolAdminServer();

describe("CreateIdentityPool / DescribeIdentityPool", () => {
  it("creates a minimal pool and echoes only the members that are set", async () => {
    const out = await admin.createPool("minimal pool");
    expect(out.IdentityPoolId).toMatch(POOL_ID_PATTERN);
    expect(withoutMetadata(out)).toEqual({
      IdentityPoolId: out.IdentityPoolId,
      IdentityPoolName: "minimal pool",
      AllowUnauthenticatedIdentities: false,
      AllowClassicFlow: false,
    });
    const described = await admin.server.cognito.send(
      new DescribeIdentityPoolCommand({ IdentityPoolId: out.IdentityPoolId }),
    );
    expect(withoutMetadata(described)).toEqual(withoutMetadata(out));
  });

  it("creates a pool with every kind of provider and tags", async () => {
    const input = {
      IdentityPoolName: "full_pool",
      AllowUnauthenticatedIdentities: true,
      AllowClassicFlow: true,
      SupportedLoginProviders: {
        "accounts.google.com": "123.apps.googleusercontent.com",
        "graph.facebook.com": "4567",
      },
      DeveloperProviderName: "login.example.app",
      OpenIdConnectProviderARNs: [admin.oidcArn],
      CognitoIdentityProviders: [{ ProviderName: USER_POOL, ClientId: "client1", ServerSideTokenCheck: true }],
      SamlProviderARNs: [`arn:aws:iam::${ACCOUNT}:saml-provider/Okta`],
      IdentityPoolTags: { team: "identity", env: "" },
    };
    const out = await admin.server.cognito.send(new CreateIdentityPoolCommand(input));
    expect(withoutMetadata(out)).toEqual({ IdentityPoolId: out.IdentityPoolId, ...input });
    const described = await admin.server.cognito.send(
      new DescribeIdentityPoolCommand({ IdentityPoolId: out.IdentityPoolId }),
    );
    expect(withoutMetadata(described)).toEqual({ IdentityPoolId: out.IdentityPoolId, ...input });
  });

  it("refuses a bad configuration with InvalidParameterException and creates nothing", async () => {
    const before = await admin.server.cognito.send(new ListIdentityPoolsCommand({ MaxResults: 60 }));
    const cases: Array<[Partial<ConstructorParameters<typeof CreateIdentityPoolCommand>[0]>, string]> = [
      [
        { SupportedLoginProviders: { "login.example.com": "x" } },
        "SupportedLoginProviders key 'login.example.com' is not a public provider (graph.facebook.com, accounts.google.com, " +
          "www.amazon.com, api.twitter.com, appleid.apple.com, www.digits.com); list other OpenID Connect providers in OpenIdConnectProviderARNs.",
      ],
      [
        { CognitoIdentityProviders: [{ ProviderName: `https://${USER_POOL}`, ClientId: "client1" }] },
        "Invalid Cognito Identity Provider",
      ],
      [{ CognitoIdentityProviders: [{ ClientId: "client1" }] }, "Invalid Cognito Identity Provider"],
      [
        { OpenIdConnectProviderARNs: [`arn:aws:iam::${ACCOUNT}:oidc-provider/unknown.example.com`] },
        `OpenIdConnectProviderARNs: 'arn:aws:iam::${ACCOUNT}:oidc-provider/unknown.example.com' is not an OpenID Connect provider in this account.`,
      ],
      [
        { IdentityPoolTags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"])) },
        "An identity pool can have at most 50 tags; this request would leave it with 51.",
      ],
    ];
    for (const [extra, message] of cases) {
      const error = await errorOf(() =>
        admin.server.cognito.send(
          new CreateIdentityPoolCommand({
            IdentityPoolName: "refused",
            AllowUnauthenticatedIdentities: false,
            ...extra,
          }),
        ),
      );
      expect({ name: error.name, message: error.message, status: error.$metadata?.httpStatusCode }).toEqual({
        name: "InvalidParameterException",
        message,
        status: 400,
      });
    }
    const after = await admin.server.cognito.send(new ListIdentityPoolsCommand({ MaxResults: 60 }));
    expect(after.IdentityPools).toEqual(before.IdentityPools);
  });

  it("answers model violations with AWS's ValidationException text", async () => {
    const badId = await errorOf(() =>
      admin.server.cognito.send(new DescribeIdentityPoolCommand({ IdentityPoolId: "eu-west-1_abc" })),
    );
    expect({ name: badId.name, message: badId.message }).toEqual({
      name: "ValidationException",
      message:
        "1 validation error detected: Value 'eu-west-1_abc' at 'identityPoolId' failed to satisfy constraint: " +
        "Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+",
    });
    const badName = await errorOf(() =>
      admin.server.cognito.send(
        new CreateIdentityPoolCommand({ IdentityPoolName: "bad/name", AllowUnauthenticatedIdentities: false }),
      ),
    );
    expect({ name: badName.name, message: badName.message }).toEqual({
      name: "ValidationException",
      message:
        "1 validation error detected: Value 'bad/name' at 'identityPoolName' failed to satisfy constraint: " +
        "Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+",
    });
  });

  it("answers an unknown pool with ResourceNotFoundException", async () => {
    const poolId = "us-east-1:00000000-0000-4000-8000-000000000000";
    const error = await errorOf(() =>
      admin.server.cognito.send(new DescribeIdentityPoolCommand({ IdentityPoolId: poolId })),
    );
    expect({ name: error.name, message: error.message }).toEqual({
      name: "ResourceNotFoundException",
      message: `IdentityPool '${poolId}' not found.`,
    });
  });
});
