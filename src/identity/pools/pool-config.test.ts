import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { poolConfigDefaults } from "../../../test/support/records.js";
import { memoryDeps, seedOidcProvider, TEST_ACCOUNT } from "../../../test/support/unit.js";
import type { AdminDeps } from "../deps.js";
import type { ConfigCheckDeps } from "../logins/login-kind.js";
import { checkPoolConfig } from "./pool-config.js";

const base = { IdentityPoolName: "pool", AllowUnauthenticatedIdentities: false };
const userPool = "cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc123";

describe("checkPoolConfig", () => {
  let deps: AdminDeps;
  let check: ConfigCheckDeps;
  beforeEach(async () => {
    deps = await memoryDeps();
    check = { store: deps.store, accountId: TEST_ACCOUNT };
  });
  afterEach(() => deps.store.close());

  it("fills omitted optional members with their defaults (§2.4)", async () => {
    expect(await checkPoolConfig(check, base)).toEqual(poolConfigDefaults("pool"));
  });

  it("treats JSON nulls as omitted", async () => {
    const config = await checkPoolConfig(check, {
      ...base,
      AllowClassicFlow: null,
      SupportedLoginProviders: null,
      CognitoIdentityProviders: null,
    } as unknown as typeof base);
    expect(config.allowClassicFlow).toBe(false);
    expect(config.supportedLoginProviders).toEqual({});
    expect(config.cognitoIdentityProviders).toEqual([]);
  });

  it("keeps every configured provider", async () => {
    const oidc = await seedOidcProvider(deps.store, "idp.example.com");
    const config = await checkPoolConfig(check, {
      ...base,
      AllowClassicFlow: true,
      SupportedLoginProviders: { "graph.facebook.com": "123", "appleid.apple.com": "com.example" },
      DeveloperProviderName: "login.example",
      OpenIdConnectProviderARNs: [oidc],
      CognitoIdentityProviders: [{ ProviderName: userPool, ClientId: "client1", ServerSideTokenCheck: true }],
      SamlProviderARNs: [`arn:aws:iam::${TEST_ACCOUNT}:saml-provider/Okta`],
    });
    expect(config).toMatchObject({
      allowClassicFlow: true,
      developerProviderName: "login.example",
      openIdConnectProviderArns: [oidc],
      cognitoIdentityProviders: [{ providerName: userPool, clientId: "client1", serverSideTokenCheck: true }],
    });
  });

  it("refuses a SupportedLoginProviders key that is no public provider", async () => {
    await expect(
      checkPoolConfig(check, { ...base, SupportedLoginProviders: { "idp.example.com": "x" } }),
    ).rejects.toMatchObject({
      code: "InvalidParameterException",
      message:
        "SupportedLoginProviders key 'idp.example.com' is not a public provider (graph.facebook.com, accounts.google.com, " +
        "www.amazon.com, api.twitter.com, appleid.apple.com, www.digits.com); list other OpenID Connect providers in OpenIdConnectProviderARNs.",
    });
  });

  it.each([
    [{ ProviderName: `https://${userPool}`, ClientId: "c" }],
    [{ ClientId: "c" }],
    [{ ProviderName: userPool }],
    [{ ProviderName: "cognito-idp.us-east-1.amazonaws.com/nounderscore", ClientId: "c" }],
  ])("refuses the user-pool provider %j (§2.4)", async (provider) => {
    await expect(checkPoolConfig(check, { ...base, CognitoIdentityProviders: [provider] })).rejects.toMatchObject({
      code: "InvalidParameterException",
      message: "Invalid Cognito Identity Provider",
    });
  });

  it("refuses an OIDC provider ARN that IAM does not know", async () => {
    const arn = `arn:aws:iam::${TEST_ACCOUNT}:oidc-provider/missing.example.com`;
    await expect(checkPoolConfig(check, { ...base, OpenIdConnectProviderARNs: [arn] })).rejects.toMatchObject({
      code: "InvalidParameterException",
      message: `OpenIdConnectProviderARNs: '${arn}' is not an OpenID Connect provider in this account.`,
    });
  });

  it("refuses a SAML ARN of another account", async () => {
    const arn = "arn:aws:iam::111111111111:saml-provider/Okta";
    await expect(checkPoolConfig(check, { ...base, SamlProviderARNs: [arn] })).rejects.toMatchObject({
      code: "InvalidParameterException",
      message: `SamlProviderARNs: '${arn}' is not a SAML provider ARN of this account.`,
    });
  });

  it("refuses more than 50 tags", async () => {
    const tags = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"]));
    await expect(checkPoolConfig(check, { ...base, IdentityPoolTags: tags })).rejects.toMatchObject({
      code: "InvalidParameterException",
      message: "An identity pool can have at most 50 tags; this request would leave it with 51.",
    });
  });
});
