import {
  CreateIdentityPoolCommand,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetOpenIdTokenCommand,
  type MappingRule,
  type RoleMapping,
  SetIdentityPoolRolesCommand,
  SetPrincipalTagAttributeMapCommand,
} from "@aws-sdk/client-cognito-identity";
import { DeleteRoleCommand } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCOUNT, cognitoTrustPolicy, type PoolFixture, startPoolFixture } from "../support/pool-fixture.js";
import { cognitoCredentials, errorOf } from "../support/server.js";

/** Role choice in GetCredentialsForIdentity (reference §3.6, §6.2) and principal tags (§3.7). */

const INVALID_CONFIGURATION = "Invalid identity pool configuration. Check assigned IAM roles for this pool.";
const TAGS_CLAIM = "https://aws.amazon.com/tags";

let f: PoolFixture;
beforeAll(async () => {
  f = await startPoolFixture();
});
afterAll(async () => {
  await f?.stop();
});

let counter = 0;
const unique = (base: string) => `${base}${++counter}`;

/** A fresh pool using the fixture's provider, so each test owns its roles and mappings. */
async function newPool(): Promise<string> {
  const out = await f.server.cognito.send(
    new CreateIdentityPoolCommand({
      IdentityPoolName: unique("Roles"),
      AllowUnauthenticatedIdentities: true,
      AllowClassicFlow: true,
      OpenIdConnectProviderARNs: [f.providerArn],
    }),
  );
  return out.IdentityPoolId ?? "";
}

/** A role trusting `poolId` for authenticated identities, named `<base><n>`; returns name and ARN. */
async function authRole(base: string, poolId: string, actions?: string[]): Promise<{ name: string; arn: string }> {
  const name = unique(base);
  return { name, arn: await f.createRole(name, cognitoTrustPolicy(poolId, "authenticated", actions)) };
}

async function setRoles(poolId: string, authenticated: string | undefined, mappings?: Record<string, RoleMapping>) {
  await f.server.cognito.send(
    new SetIdentityPoolRolesCommand({
      IdentityPoolId: poolId,
      Roles: authenticated === undefined ? {} : { authenticated },
      ...(mappings ? { RoleMappings: mappings } : {}),
    }),
  );
}

/** GetId + GetCredentialsForIdentity with a token of these claims; returns the caller ARN of the credentials. */
async function callerArn(poolId: string, claims: Record<string, unknown>, customRoleArn?: string): Promise<string> {
  const token = await f.idp.issueToken(claims);
  const Logins = { [f.idp.loginsKey]: token };
  const { IdentityId } = await f.server.cognito.send(new GetIdCommand({ IdentityPoolId: poolId, Logins }));
  const out = await f.server.cognito.send(
    new GetCredentialsForIdentityCommand({
      IdentityId,
      Logins,
      ...(customRoleArn ? { CustomRoleArn: customRoleArn } : {}),
    }),
  );
  const sts = new STSClient({
    endpoint: f.server.url,
    region: "us-east-1",
    maxAttempts: 1,
    credentials: cognitoCredentials(out.Credentials),
  });
  try {
    return (await sts.send(new GetCallerIdentityCommand({}))).Arn ?? "";
  } finally {
    sts.destroy();
  }
}

const sessionArn = (roleName: string) => `arn:aws:sts::${ACCOUNT}:assumed-role/${roleName}/CognitoIdentityCredentials`;

describe("Rules role mappings", () => {
  it("applies Equals, Contains, StartsWith and NotEqual, first match in order wins", async () => {
    const poolId = await newPool();
    const fallback = await authRole("Fallback", poolId);
    const [eq, contains, starts, notEqual] = await Promise.all(
      ["Eq", "Contains", "Starts", "NotEq"].map((b) => authRole(b, poolId)),
    );
    const rules: MappingRule[] = [
      { Claim: "dept", MatchType: "Equals", Value: "eng", RoleARN: eq?.arn },
      { Claim: "email", MatchType: "Contains", Value: "@corp.", RoleARN: contains?.arn },
      { Claim: "group", MatchType: "StartsWith", Value: "adm", RoleARN: starts?.arn },
      { Claim: "tier", MatchType: "NotEqual", Value: "gold", RoleARN: notEqual?.arn },
    ];
    await setRoles(poolId, fallback.arn, {
      [f.idp.loginsKey]: {
        Type: "Rules",
        AmbiguousRoleResolution: "AuthenticatedRole",
        RulesConfiguration: { Rules: rules },
      },
    });
    // Equals and Contains both match: the first rule decides.
    expect(await callerArn(poolId, { sub: "r1", dept: "eng", email: "a@corp.example" })).toBe(
      sessionArn(eq?.name ?? ""),
    );
    expect(await callerArn(poolId, { sub: "r2", dept: "sales", email: "b@corp.example" })).toBe(
      sessionArn(contains?.name ?? ""),
    );
    expect(await callerArn(poolId, { sub: "r3", group: "admins" })).toBe(sessionArn(starts?.name ?? ""));
    expect(await callerArn(poolId, { sub: "r4", group: "xadmins", tier: "silver" })).toBe(
      sessionArn(notEqual?.name ?? ""),
    );
    // Equals is literal; NotEqual on an absent claim is skipped; nothing matches → the pool's role.
    expect(await callerArn(poolId, { sub: "r5", dept: "Eng" })).toBe(sessionArn(fallback.name));
    expect(await callerArn(poolId, { sub: "r6", tier: "gold" })).toBe(sessionArn(fallback.name));
  });

  it("denies an unmatched token when AmbiguousRoleResolution is Deny", async () => {
    const poolId = await newPool();
    const fallback = await authRole("DenyFallback", poolId);
    const eng = await authRole("DenyEng", poolId);
    await setRoles(poolId, fallback.arn, {
      [f.idp.loginsKey]: {
        Type: "Rules",
        AmbiguousRoleResolution: "Deny",
        RulesConfiguration: { Rules: [{ Claim: "dept", MatchType: "Equals", Value: "eng", RoleARN: eng.arn }] },
      },
    });
    expect(await callerArn(poolId, { sub: "d1", dept: "eng" })).toBe(sessionArn(eng.name));
    const error = await errorOf(() => callerArn(poolId, { sub: "d2", dept: "sales" }));
    expect([error.name, error.message]).toEqual([
      "NotAuthorizedException",
      `The ambiguous role mapping rules for: ${f.idp.loginsKey} denied this request.`,
    ]);
  });
});

describe("Token role mappings", () => {
  it("uses cognito:preferred_role, and CustomRoleArn among cognito:roles (array or comma-separated)", async () => {
    const poolId = await newPool();
    const fallback = await authRole("TokFallback", poolId);
    const first = await authRole("TokFirst", poolId);
    const second = await authRole("TokSecond", poolId);
    const outsider = await authRole("TokOutsider", poolId);
    await setRoles(poolId, fallback.arn, {
      [f.idp.loginsKey]: { Type: "Token", AmbiguousRoleResolution: "AuthenticatedRole" },
    });
    expect(await callerArn(poolId, { sub: "t1", "cognito:preferred_role": second.arn })).toBe(sessionArn(second.name));
    expect(await callerArn(poolId, { sub: "t2", "cognito:roles": [first.arn, second.arn] }, second.arn)).toBe(
      sessionArn(second.name),
    );
    expect(await callerArn(poolId, { sub: "t3", "cognito:roles": `${first.arn},${second.arn}` }, first.arn)).toBe(
      sessionArn(first.name),
    );
    // Neither claim: ambiguous → the pool's authenticated role.
    expect(await callerArn(poolId, { sub: "t4" })).toBe(sessionArn(fallback.name));
    const forbidden = await errorOf(() =>
      callerArn(poolId, { sub: "t5", "cognito:roles": [first.arn, second.arn] }, outsider.arn),
    );
    expect([forbidden.name, forbidden.message]).toEqual([
      "NotAuthorizedException",
      `Access to Role '${outsider.arn}' is forbidden.`,
    ]);
  });

  it("denies a token without role claims when AmbiguousRoleResolution is Deny", async () => {
    const poolId = await newPool();
    const fallback = await authRole("TokDenyFallback", poolId);
    await setRoles(poolId, fallback.arn, { [f.idp.loginsKey]: { Type: "Token", AmbiguousRoleResolution: "Deny" } });
    const error = await errorOf(() => callerArn(poolId, { sub: "t6" }));
    expect([error.name, error.message]).toEqual([
      "NotAuthorizedException",
      `The ambiguous role mapping rules for: ${f.idp.loginsKey} denied this request.`,
    ]);
  });
});

describe("roles STS will not assume", () => {
  const expectInvalidConfiguration = async (poolId: string, sub: string) => {
    const error = await errorOf(() => callerArn(poolId, { sub }));
    expect([error.name, error.message]).toEqual(["InvalidIdentityPoolConfigurationException", INVALID_CONFIGURATION]);
  };

  it("refuses a role that trusts another pool", async () => {
    const poolId = await newPool();
    const otherPool = await newPool();
    const role = await authRole("OtherPool", otherPool);
    await setRoles(poolId, role.arn);
    await expectInvalidConfiguration(poolId, "c1");
  });

  it("refuses a guest-only role used as the authenticated role", async () => {
    const poolId = await newPool();
    const arn = await f.createRole(unique("GuestOnly"), cognitoTrustPolicy(poolId, "unauthenticated"));
    await setRoles(poolId, arn);
    await expectInvalidConfiguration(poolId, "c2");
  });

  it("refuses when the pool has no authenticated role", async () => {
    const poolId = await newPool();
    await setRoles(poolId, undefined);
    await expectInvalidConfiguration(poolId, "c3");
  });

  it("refuses a role deleted after it was set", async () => {
    const poolId = await newPool();
    const role = await authRole("Deleted", poolId);
    await setRoles(poolId, role.arn);
    expect(await callerArn(poolId, { sub: "c4" })).toBe(sessionArn(role.name));
    await f.server.iam.send(new DeleteRoleCommand({ RoleName: role.name }));
    await expectInvalidConfiguration(poolId, "c4");
  });
});

describe("principal tags", () => {
  async function openIdTokenClaims(poolId: string, claims: Record<string, unknown>): Promise<Record<string, unknown>> {
    const Logins = { [f.idp.loginsKey]: await f.idp.issueToken(claims) };
    const { IdentityId } = await f.server.cognito.send(new GetIdCommand({ IdentityPoolId: poolId, Logins }));
    const out = await f.server.cognito.send(new GetOpenIdTokenCommand({ IdentityId, Logins }));
    return decodeJwt(out.Token ?? "") as Record<string, unknown>;
  }

  it("puts the default tags (username ← sub, client ← aud) in idpool's token", async () => {
    const poolId = await newPool();
    const out = await f.server.cognito.send(
      new SetPrincipalTagAttributeMapCommand({
        IdentityPoolId: poolId,
        IdentityProviderName: f.idp.loginsKey,
        UseDefaults: true,
      }),
    );
    expect(out.UseDefaults).toBe(true);
    const claims = await openIdTokenClaims(poolId, { sub: "tagged-1" });
    expect(claims[TAGS_CLAIM]).toEqual({ principal_tags: { username: ["tagged-1"], client: [f.idp.clientId] } });
  });

  it("puts a custom map's tags in idpool's token, and none without a map", async () => {
    const poolId = await newPool();
    expect((await openIdTokenClaims(poolId, { sub: "plain" }))[TAGS_CLAIM]).toBeUndefined();
    await f.server.cognito.send(
      new SetPrincipalTagAttributeMapCommand({
        IdentityPoolId: poolId,
        IdentityProviderName: f.idp.loginsKey,
        UseDefaults: false,
        PrincipalTags: { department: "dept", user: "sub" },
      }),
    );
    const claims = await openIdTokenClaims(poolId, { sub: "tagged-2", dept: "eng" });
    expect(claims[TAGS_CLAIM]).toEqual({ principal_tags: { department: ["eng"], user: ["tagged-2"] } });
  });

  it("needs sts:TagSession in the trust policy of the role when tags apply", async () => {
    const poolId = await newPool();
    await f.server.cognito.send(
      new SetPrincipalTagAttributeMapCommand({
        IdentityPoolId: poolId,
        IdentityProviderName: f.idp.loginsKey,
        UseDefaults: true,
      }),
    );
    const untaggable = await authRole("NoTagSession", poolId);
    await setRoles(poolId, untaggable.arn);
    const error = await errorOf(() => callerArn(poolId, { sub: "tagged-3" }));
    expect([error.name, error.message]).toEqual(["InvalidIdentityPoolConfigurationException", INVALID_CONFIGURATION]);

    const taggable = await authRole("TagSession", poolId, ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"]);
    await setRoles(poolId, taggable.arn);
    expect(await callerArn(poolId, { sub: "tagged-3" })).toBe(sessionArn(taggable.name));
  });
});

describe("role ARNs, by IAM's rule", () => {
  it("accepts a role named in another case and issues credentials for the role as stored", async () => {
    const poolId = await newPool();
    const role = await authRole("CaseRole", poolId);
    // IAM role names are unique without regard to case: the ARN with the name upper-cased names it.
    const upper = role.arn.replace(`role/${role.name}`, `role/${role.name.toUpperCase()}`);
    expect(upper).not.toBe(role.arn);
    await setRoles(poolId, upper);
    expect(await callerArn(poolId, { sub: "case-1" })).toBe(sessionArn(role.name));
  });
});
