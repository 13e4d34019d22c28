import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pool as poolRecord } from "../../../test/support/records.js";
import { memoryDeps, seedRole, TEST_ACCOUNT } from "../../../test/support/unit.js";
import type { IdentityPoolRecord } from "../../store/index.js";
import type { AdminDeps } from "../deps.js";
import type { MappingRuleWire, RoleMappingWire } from "../shapes.js";
import { checkRoleMappings, checkRoles, keepConfiguredMappings, type RoleCheckDeps } from "./role-mappings.js";

const userPool = "cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc";
const oidcArn = `arn:aws:iam::${TEST_ACCOUNT}:oidc-provider/idp.example.com`;

const pool: IdentityPoolRecord = poolRecord("us-east-1:00000000-0000-4000-8000-000000000001", {
  supportedLoginProviders: { "accounts.google.com": "client.apps" },
  developerProviderName: "login.example",
  openIdConnectProviderArns: [oidcArn],
  cognitoIdentityProviders: [{ providerName: userPool, clientId: "c1", serverSideTokenCheck: false }],
});

describe("role checks", () => {
  let deps: AdminDeps;
  let check: RoleCheckDeps;
  let roleArn: string;
  const rule = (over: Partial<MappingRuleWire> = {}): MappingRuleWire => ({
    Claim: "custom:tier",
    MatchType: "Equals",
    Value: "gold",
    RoleARN: roleArn,
    ...over,
  });
  beforeEach(async () => {
    deps = await memoryDeps();
    check = { store: deps.store, accountId: TEST_ACCOUNT };
    roleArn = await seedRole(deps.store, "Gold", TEST_ACCOUNT, "/app/");
  });
  afterEach(() => deps.store.close());

  it("accepts existing roles and refuses others with the ARN as given (§4.2)", async () => {
    await expect(checkRoles(check, { authenticated: roleArn })).resolves.toBeUndefined();
    for (const bad of [
      `arn:aws:iam::${TEST_ACCOUNT}:role/Missing`,
      `arn:aws:iam::${TEST_ACCOUNT}:role/Gold`, // right name, wrong path
      "arn:aws:iam::111111111111:role/app/Gold", // another account
      "Cognito_Auth_Role_NotAnArn",
    ]) {
      await expect(checkRoles(check, { unauthenticated: bad })).rejects.toMatchObject({
        code: "NotAuthorizedException",
        message: `Access to Role '${bad}' is forbidden.`,
      });
    }
  });

  it("accepts every form of configured provider key (§2.4)", async () => {
    const token: RoleMappingWire = { Type: "Token", AmbiguousRoleResolution: "Deny" };
    const result = await checkRoleMappings(check, pool, {
      "accounts.google.com": token,
      "idp.example.com": token,
      [oidcArn]: token,
      [`${userPool}:c1`]: {
        Type: "Rules",
        AmbiguousRoleResolution: "AuthenticatedRole",
        RulesConfiguration: { Rules: [rule()] },
      },
    });
    expect(result[`${userPool}:c1`]).toEqual({
      type: "Rules",
      ambiguousRoleResolution: "AuthenticatedRole",
      rules: [{ claim: "custom:tier", matchType: "Equals", value: "gold", roleArn }],
    });
    expect(result["idp.example.com"]).toEqual({ type: "Token", ambiguousRoleResolution: "Deny", rules: undefined });
  });

  it.each([userPool, "graph.facebook.com", "login.example", `https://${userPool}:c1`, `${userPool}:other`])(
    "refuses the unconfigured key %s",
    async (key) => {
      await expect(
        checkRoleMappings(check, pool, { [key]: { Type: "Token", AmbiguousRoleResolution: "Deny" } }),
      ).rejects.toMatchObject({
        code: "InvalidParameterException",
        message: `(${key}) is not a valid RoleMapping ProviderName or is not a configured provider.`,
      });
    },
  );

  it("requires AmbiguousRoleResolution for both types", async () => {
    await expect(checkRoleMappings(check, pool, { "accounts.google.com": { Type: "Token" } })).rejects.toMatchObject({
      code: "InvalidParameterException",
      message: "AmbiguousRoleResolution must be specified for the Token role mapping of (accounts.google.com).",
    });
    const rules = { Type: "Rules", RulesConfiguration: { Rules: [rule()] } } as const;
    await expect(checkRoleMappings(check, pool, { "accounts.google.com": rules })).rejects.toMatchObject({
      message: "AmbiguousRoleResolution must be specified for the Rules role mapping of (accounts.google.com).",
    });
  });

  it("requires RulesConfiguration for Rules and ignores it for Token", async () => {
    await expect(
      checkRoleMappings(check, pool, { "accounts.google.com": { Type: "Rules", AmbiguousRoleResolution: "Deny" } }),
    ).rejects.toMatchObject({
      code: "InvalidParameterException",
      message: "RulesConfiguration must be specified for the Rules role mapping of (accounts.google.com).",
    });
    const result = await checkRoleMappings(check, pool, {
      "accounts.google.com": {
        Type: "Token",
        AmbiguousRoleResolution: "Deny",
        RulesConfiguration: { Rules: [rule()] },
      },
    });
    expect(result["accounts.google.com"]?.rules).toBeUndefined();
  });

  it("allows 25 rules per provider and refuses 26", async () => {
    const mapping = (n: number): RoleMappingWire => ({
      Type: "Rules",
      AmbiguousRoleResolution: "Deny",
      RulesConfiguration: { Rules: Array.from({ length: n }, (_, i) => rule({ Value: `v${i}` })) },
    });
    const ok = await checkRoleMappings(check, pool, { "accounts.google.com": mapping(25) });
    expect(ok["accounts.google.com"]?.rules).toHaveLength(25);
    await expect(checkRoleMappings(check, pool, { "accounts.google.com": mapping(26) })).rejects.toMatchObject({
      code: "InvalidParameterException",
      message: "The role mapping of (accounts.google.com) has 26 rules; at most 25 rules are allowed per provider.",
    });
  });

  it("refuses a rule whose role does not exist", async () => {
    const missing = `arn:aws:iam::${TEST_ACCOUNT}:role/Missing`;
    await expect(
      checkRoleMappings(check, pool, {
        "accounts.google.com": {
          Type: "Rules",
          AmbiguousRoleResolution: "Deny",
          RulesConfiguration: { Rules: [rule(), rule({ RoleARN: missing })] },
        },
      }),
    ).rejects.toMatchObject({ code: "NotAuthorizedException", message: `Access to Role '${missing}' is forbidden.` });
  });

  it("drops mappings of providers the pool no longer has", () => {
    const token = { type: "Token", ambiguousRoleResolution: "Deny", rules: undefined } as const;
    const kept = keepConfiguredMappings({
      ...pool,
      supportedLoginProviders: {},
      roleMappings: { "accounts.google.com": token, "idp.example.com": token },
    });
    expect(Object.keys(kept)).toEqual(["idp.example.com"]);
  });
});
