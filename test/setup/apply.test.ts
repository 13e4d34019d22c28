import {
  DescribeIdentityPoolCommand,
  GetIdentityPoolRolesCommand,
  GetPrincipalTagAttributeMapCommand,
} from "@aws-sdk/client-cognito-identity";
import {
  CreateRoleCommand,
  GetOpenIDConnectProviderCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  NoSuchEntityException,
} from "@aws-sdk/client-iam";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ApiCaller,
  applySetup,
  describeSummary,
  httpCaller,
  parseSetup,
  registryCaller,
} from "../../src/setup/index.js";
import { startTestServer, TEST_ROOT, type TestServer } from "../support/server.js";
import { ACCOUNT, POOL_ID, PROVIDER_ARN, READ_PROFILE, recording, roleArn, setupYaml, TRUST } from "./fixture.js";
import { registryOver, silent } from "./registry.js";

const trustOf = async (server: TestServer, name: string) => {
  const { Role } = await server.iam.send(new GetRoleCommand({ RoleName: name }));
  return JSON.parse(decodeURIComponent(Role?.AssumeRolePolicyDocument ?? "")) as unknown;
};

describe("setup apply against a running idpool", () => {
  let server: TestServer;
  let http: ApiCaller;
  let local: ApiCaller;
  beforeAll(async () => {
    server = await startTestServer();
    http = httpCaller({ endpoint: server.url, region: "us-east-1", credentials: TEST_ROOT });
    local = registryCaller(registryOver(server.app.store), silent, { accountId: ACCOUNT, accessKeyId: "setup" });
    const outside = JSON.stringify(TRUST);
    await server.iam.send(new CreateRoleCommand({ RoleName: "Outside", AssumeRolePolicyDocument: outside }));
    await server.iam.send(
      new CreateRoleCommand({
        RoleName: "OtherFiles",
        AssumeRolePolicyDocument: outside,
        Tags: [{ Key: "idpool:setup", Value: "other" }],
      }),
    );
  });
  afterAll(() => server.stop());

  it("creates what the file declares, over HTTP with SigV4, each with the idpool:setup mark", async () => {
    const summary = await applySetup(http, parseSetup("setup.yaml", setupYaml()));
    expect(summary).toEqual({
      created: [
        "OpenID Connect provider https://login.example.com",
        "role PoolUser",
        "role PoolAdmin",
        `identity pool Shop (${POOL_ID})`,
      ],
      updated: [],
      deleted: [],
      unchanged: [],
    });
    const provider = await server.iam.send(
      new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: PROVIDER_ARN }),
    );
    expect(provider.ClientIDList).toEqual(["web", "mobile"]);
    expect(provider.ThumbprintList).toEqual(["990f4193972f2becf12ddeda5237f9c952f20d9e"]);
    expect(provider.Tags).toEqual([
      { Key: "idpool:setup", Value: "demo" },
      { Key: "team", Value: "identity" },
    ]);
    const { Role: user } = await server.iam.send(new GetRoleCommand({ RoleName: "PoolUser" }));
    expect(user?.Description).toBe("Signed-in users of the shop");
    expect(user?.Tags).toEqual([
      { Key: "idpool:setup", Value: "demo" },
      { Key: "tier", Value: "standard" },
    ]);
    expect(await trustOf(server, "PoolUser")).toEqual(TRUST);
    const policy = await server.iam.send(
      new GetRolePolicyCommand({ RoleName: "PoolUser", PolicyName: "read-profile" }),
    );
    expect(decodeURIComponent(policy.PolicyDocument ?? "")).toBe(READ_PROFILE);
    const { Role: admin } = await server.iam.send(new GetRoleCommand({ RoleName: "PoolAdmin" }));
    expect(admin?.MaxSessionDuration).toBe(7200);

    const pool = await server.cognito.send(new DescribeIdentityPoolCommand({ IdentityPoolId: POOL_ID }));
    expect(pool).toMatchObject({
      IdentityPoolName: "Shop",
      AllowUnauthenticatedIdentities: false,
      OpenIdConnectProviderARNs: [PROVIDER_ARN],
      IdentityPoolTags: { env: "test", "idpool:setup": "demo" },
    });
    const roles = await server.cognito.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: POOL_ID }));
    expect(roles.Roles).toEqual({ authenticated: roleArn("PoolUser") });
    expect(roles.RoleMappings?.["login.example.com"]).toEqual({
      Type: "Rules",
      AmbiguousRoleResolution: "AuthenticatedRole",
      RulesConfiguration: {
        Rules: [
          { Claim: "email_verified", MatchType: "Equals", Value: "true", RoleARN: roleArn("PoolUser") },
          { Claim: "department", MatchType: "StartsWith", Value: "sales", RoleARN: roleArn("PoolUser") },
          { Claim: "groups", MatchType: "Contains", Value: "admin", RoleARN: roleArn("PoolAdmin") },
        ],
      },
    });
    const tags = await server.cognito.send(
      new GetPrincipalTagAttributeMapCommand({ IdentityPoolId: POOL_ID, IdentityProviderName: "login.example.com" }),
    );
    expect(tags).toMatchObject({ UseDefaults: false, PrincipalTags: { department: "department", group: "groups" } });
  });

  it.each([
    ["HTTP", () => http],
    ["in-process registry", () => local],
  ])("applies the same file again through the %s caller: no changes, and nothing written", async (_, caller) => {
    const { caller: watched, writes } = recording(caller());
    const summary = await applySetup(watched, parseSetup("setup.yaml", setupYaml()));
    expect(describeSummary(summary)).toBe("no changes (4 unchanged)");
    expect(writes).toEqual([]);
  });

  it("converges a changed file: updates the rule, deletes only the dropped role it created", async () => {
    const summary = await applySetup(local, parseSetup("setup.yaml", setupYaml({ withAdmin: false })));
    expect(summary).toEqual({
      created: [],
      updated: [`identity pool Shop (${POOL_ID})`],
      deleted: ["role PoolAdmin"],
      unchanged: ["OpenID Connect provider https://login.example.com", "role PoolUser"],
    });
    await expect(server.iam.send(new GetRoleCommand({ RoleName: "PoolAdmin" }))).rejects.toBeInstanceOf(
      NoSuchEntityException,
    );
    // Roles the file did not create stay, marked by another file or not at all.
    for (const name of ["Outside", "OtherFiles"]) {
      expect((await server.iam.send(new GetRoleCommand({ RoleName: name }))).Role?.RoleName).toBe(name);
    }
    const roles = await server.cognito.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: POOL_ID }));
    expect(roles.RoleMappings?.["login.example.com"]?.RulesConfiguration?.Rules?.[2]).toEqual({
      Claim: "groups",
      MatchType: "Contains",
      Value: "staff",
      RoleARN: roleArn("PoolUser"),
    });
    expect(describeSummary(await applySetup(http, parseSetup("setup.yaml", setupYaml({ withAdmin: false }))))).toBe(
      "no changes (3 unchanged)",
    );
  });
});
