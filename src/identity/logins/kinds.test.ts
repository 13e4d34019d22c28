import { describe, expect, it } from "vitest";
import { pool as poolRecord } from "../../../test/support/records.js";
import type { IdentityPoolRecord } from "../../store/index.js";
import { principalTagProviderNames, roleMappingProviderKeys } from "./kinds.js";
import { oidcProviderName } from "./oidc-provider.js";
import { isSamlProviderArn } from "./saml.js";
import { isUserPoolProviderName } from "./user-pool.js";

const pool = (over: Partial<IdentityPoolRecord>): IdentityPoolRecord =>
  poolRecord("us-east-1:00000000-0000-4000-8000-000000000001", over);

describe("isUserPoolProviderName", () => {
  it.each([
    "cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123",
    "cognito-idp.eu-west-2.amazonaws.com/eu-west-2_x",
    "localhost:9229/local_5Yx",
    "idp.example.com/pools/abc",
  ])("accepts %s", (name) => {
    expect(isUserPoolProviderName(name)).toBe(true);
  });

  it.each([
    "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123",
    "cognito-idp.us-east-1.amazonaws.com/",
    "cognito-idp.us-east-1.amazonaws.com/AbC123",
    "cognito-idp.us-east-1.amazonaws.com",
    "us-east-1_AbC123",
    "idp.example.com/pools/",
    "",
  ])("refuses %s", (name) => {
    expect(isUserPoolProviderName(name)).toBe(false);
  });
});

describe("provider names", () => {
  it("derives the logins key from an OIDC provider ARN", () => {
    expect(oidcProviderName("arn:aws:iam::000000000000:oidc-provider/idp.example.com/tenant")).toBe(
      "idp.example.com/tenant",
    );
    expect(oidcProviderName("arn:aws:iam::000000000000:role/x")).toBeUndefined();
  });

  it("accepts SAML ARNs of this account only", () => {
    expect(isSamlProviderArn("arn:aws:iam::000000000000:saml-provider/Okta", "000000000000")).toBe(true);
    expect(isSamlProviderArn("arn:aws:iam::111111111111:saml-provider/Okta", "000000000000")).toBe(false);
    expect(isSamlProviderArn("arn:aws:iam::000000000000:oidc-provider/Okta", "000000000000")).toBe(false);
  });

  const configured = pool({
    supportedLoginProviders: { "accounts.google.com": "client.apps" },
    openIdConnectProviderArns: ["arn:aws:iam::000000000000:oidc-provider/idp.example.com"],
    cognitoIdentityProviders: [
      { providerName: "cognito-idp.us-east-1.amazonaws.com/us-east-1_A", clientId: "c1", serverSideTokenCheck: false },
    ],
    samlProviderArns: ["arn:aws:iam::000000000000:saml-provider/Okta"],
  });

  it("lists the RoleMappings keys of every configured provider (§2.4)", () => {
    expect([...roleMappingProviderKeys(configured)].sort()).toEqual([
      "accounts.google.com",
      "arn:aws:iam::000000000000:oidc-provider/idp.example.com",
      "arn:aws:iam::000000000000:saml-provider/Okta",
      "cognito-idp.us-east-1.amazonaws.com/us-east-1_A:c1",
      "idp.example.com",
    ]);
  });

  it("lists principal-tag provider names with user pools by issuer (§3.7)", () => {
    expect([...principalTagProviderNames(configured)].sort()).toEqual([
      "accounts.google.com",
      "arn:aws:iam::000000000000:oidc-provider/idp.example.com",
      "arn:aws:iam::000000000000:saml-provider/Okta",
      "cognito-idp.us-east-1.amazonaws.com/us-east-1_A",
      "idp.example.com",
    ]);
  });
});
