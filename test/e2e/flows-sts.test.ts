import {
  CreateIdentityPoolCommand,
  GetIdCommand,
  GetOpenIdTokenCommand,
  SetPrincipalTagAttributeMapCommand,
} from "@aws-sdk/client-cognito-identity";
import { CreateRoleCommand } from "@aws-sdk/client-iam";
import {
  AssumeRoleWithWebIdentityCommand,
  type AssumeRoleWithWebIdentityCommandInput,
  type Credentials,
  GetCallerIdentityCommand,
  STSClient,
} from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestOidcProvider, type TestOidcProvider } from "../support/oidc-provider.js";
import { ACCOUNT, cognitoTrustPolicy, type PoolFixture, startPoolFixture } from "../support/pool-fixture.js";
import { errorOf, signedWithSession } from "../support/server.js";

/** AssumeRoleWithWebIdentity (reference §3.5 basic flow, §6.3, §6.4) and what its credentials may do. */

let f: PoolFixture;
let other: TestOidcProvider;
/** Unsigned, as the basic flow's clients call it. */
let sts: STSClient;
let cognitoRoleArn: string;
let providerRoleArn: string;

const providerTrust = (aud: string) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Federated: f.providerArn },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: { StringEquals: { [`${f.idp.loginsKey}:aud`]: aud } },
      },
    ],
  });

beforeAll(async () => {
  f = await startPoolFixture();
  other = await startTestOidcProvider({ path: "/tenant-2" });
  sts = new STSClient({ endpoint: f.server.url, region: "us-east-1", maxAttempts: 1 });
  cognitoRoleArn = await f.createRole("WebCognito", cognitoTrustPolicy(f.poolId, "authenticated"));
  providerRoleArn = await f.createRole("WebDirect", providerTrust(f.idp.clientId));
});
afterAll(async () => {
  sts?.destroy();
  await other?.stop();
  await f?.stop();
});

const assume = (input: Partial<AssumeRoleWithWebIdentityCommandInput> & { WebIdentityToken: string }) =>
  sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: providerRoleArn, RoleSessionName: "direct", ...input }));

const signedWith = (c: Credentials | undefined) => signedWithSession(f.server.url, c);

async function callerOf(c: Credentials | undefined) {
  const client = new STSClient(signedWith(c));
  try {
    return await client.send(new GetCallerIdentityCommand({}));
  } finally {
    client.destroy();
  }
}

describe("AssumeRoleWithWebIdentity with idpool's own token (basic flow)", () => {
  it("assumes a role trusting cognito-identity.amazonaws.com for the pool", async () => {
    const Logins = { [f.idp.loginsKey]: await f.idp.issueToken({ sub: "basic-1" }) };
    const { IdentityId } = await f.server.cognito.send(new GetIdCommand({ IdentityPoolId: f.poolId, Logins }));
    const { Token } = await f.server.cognito.send(new GetOpenIdTokenCommand({ IdentityId, Logins }));
    const out = await sts.send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: cognitoRoleArn,
        RoleSessionName: "basic-session",
        WebIdentityToken: Token,
      }),
    );
    expect(out.Provider).toBe("cognito-identity.amazonaws.com");
    expect(out.Audience).toBe(f.poolId);
    expect(out.SubjectFromWebIdentityToken).toBe(IdentityId);
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/WebCognito/basic-session`);
    expect(out.AssumedRoleUser?.AssumedRoleId).toMatch(/^AROA[A-Z2-7]{17}:basic-session$/);
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    const lifetimeMs = (out.Credentials?.Expiration?.getTime() ?? 0) - Date.now();
    expect(lifetimeMs).toBeGreaterThan(3_590_000);
    expect(lifetimeMs).toBeLessThanOrEqual(3_600_000);

    const caller = await callerOf(out.Credentials);
    expect(caller.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/WebCognito/basic-session`);
    expect(caller.UserId).toBe(out.AssumedRoleUser?.AssumedRoleId);
    expect(caller.Account).toBe(ACCOUNT);
  });

  it("refuses a guest's token for a role that trusts authenticated identities only", async () => {
    const { IdentityId } = await f.server.cognito.send(new GetIdCommand({ IdentityPoolId: f.poolId }));
    const { Token } = await f.server.cognito.send(new GetOpenIdTokenCommand({ IdentityId }));
    const error = await errorOf(() =>
      sts.send(
        new AssumeRoleWithWebIdentityCommand({
          RoleArn: cognitoRoleArn,
          RoleSessionName: "guest",
          WebIdentityToken: Token,
        }),
      ),
    );
    expect([error.name, error.message, error.$metadata?.httpStatusCode]).toEqual([
      "AccessDenied",
      "Not authorized to perform sts:AssumeRoleWithWebIdentity",
      403,
    ]);
  });
});

describe("principal tags in idpool's token", () => {
  it("become session tags: the role must trust sts:TagSession too", async () => {
    const pool = await f.server.cognito.send(
      new CreateIdentityPoolCommand({
        IdentityPoolName: "Tagged",
        AllowUnauthenticatedIdentities: false,
        AllowClassicFlow: true,
        OpenIdConnectProviderARNs: [f.providerArn],
      }),
    );
    const poolId = pool.IdentityPoolId ?? "";
    await f.server.cognito.send(
      new SetPrincipalTagAttributeMapCommand({
        IdentityPoolId: poolId,
        IdentityProviderName: f.idp.loginsKey,
        UseDefaults: true,
      }),
    );
    const Logins = { [f.idp.loginsKey]: await f.idp.issueToken({ sub: "tagged" }) };
    const { IdentityId } = await f.server.cognito.send(new GetIdCommand({ IdentityPoolId: poolId, Logins }));
    const { Token } = await f.server.cognito.send(new GetOpenIdTokenCommand({ IdentityId, Logins }));
    const plain = await f.createRole("WebTagsNo", cognitoTrustPolicy(poolId, "authenticated"));
    const error = await errorOf(() =>
      sts.send(
        new AssumeRoleWithWebIdentityCommand({ RoleArn: plain, RoleSessionName: "t1", WebIdentityToken: Token }),
      ),
    );
    expect([error.name, error.$metadata?.httpStatusCode]).toEqual(["AccessDenied", 403]);
    const taggable = await f.createRole(
      "WebTagsYes",
      cognitoTrustPolicy(poolId, "authenticated", ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"]),
    );
    const out = await sts.send(
      new AssumeRoleWithWebIdentityCommand({ RoleArn: taggable, RoleSessionName: "t1", WebIdentityToken: Token }),
    );
    expect(out.Audience).toBe(poolId);
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/WebTagsYes/t1`);
    expect(out.PackedPolicySize).toBeGreaterThan(0);
  });
});

describe("AssumeRoleWithWebIdentity with a registered provider's ID token", () => {
  it("assumes a role trusting the provider's ARN with an aud condition", async () => {
    const out = await assume({ WebIdentityToken: await f.idp.issueToken({ sub: "direct-1" }), DurationSeconds: 900 });
    expect(out.Provider).toBe(f.providerArn);
    expect(out.Audience).toBe(f.idp.clientId);
    expect(out.SubjectFromWebIdentityToken).toBe("direct-1");
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/WebDirect/direct`);
    const lifetimeMs = (out.Credentials?.Expiration?.getTime() ?? 0) - Date.now();
    expect(lifetimeMs).toBeGreaterThan(890_000);
    expect(lifetimeMs).toBeLessThanOrEqual(900_000);
    expect((await callerOf(out.Credentials)).Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/WebDirect/direct`);
  });

  it("refuses a token for another audience", async () => {
    const error = await errorOf(async () => assume({ WebIdentityToken: await f.idp.issueToken({ aud: "client-z" }) }));
    expect([error.name, error.message]).toEqual(["InvalidIdentityTokenException", "Incorrect token audience"]);
  });

  it("refuses an expired token", async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await f.idp.issueToken({ iat: now - 4000, exp: now - 600 });
    const error = await errorOf(() => assume({ WebIdentityToken: token }));
    const expIso = new Date((now - 600) * 1000).toISOString().replace(".000Z", "Z");
    expect(error.name).toBe("ExpiredTokenException");
    expect(error.message).toMatch(
      new RegExp(
        `^Token expired: current date/time \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ must be before the expiration date/time ${expIso}$`,
      ),
    );
  });

  it("refuses a token of an issuer not registered in IAM", async () => {
    const error = await errorOf(async () => assume({ WebIdentityToken: await other.issueToken({ sub: "x" }) }));
    expect([error.name, error.message]).toEqual([
      "InvalidIdentityTokenException",
      `No OpenIDConnect provider found in your account for ${other.url}`,
    ]);
  });

  it("refuses garbage", async () => {
    const error = await errorOf(() => assume({ WebIdentityToken: "this-is-not-a-jwt" }));
    expect([error.name, error.message]).toEqual([
      "InvalidIdentityTokenException",
      "The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)",
    ]);
  });

  it("answers AccessDenied (403) when the trust policy does not match", async () => {
    const arn = await f.createRole("WebOtherAud", providerTrust("someone-else"));
    const error = await errorOf(async () =>
      assume({ RoleArn: arn, WebIdentityToken: await f.idp.issueToken({ sub: "direct-2" }) }),
    );
    expect([error.name, error.message, error.$metadata?.httpStatusCode]).toEqual([
      "AccessDenied",
      "Not authorized to perform sts:AssumeRoleWithWebIdentity",
      403,
    ]);
  });

  it("validates DurationSeconds against the model and the role's MaxSessionDuration", async () => {
    const token = await f.idp.issueToken({ sub: "direct-3" });
    const tooShort = await errorOf(() => assume({ WebIdentityToken: token, DurationSeconds: 100 }));
    expect([tooShort.name, tooShort.message, tooShort.$metadata?.httpStatusCode]).toEqual([
      "ValidationError",
      "1 validation error detected: Value '100' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
      400,
    ]);
    const role = await f.server.iam.send(
      new CreateRoleCommand({
        RoleName: "WebShort",
        AssumeRolePolicyDocument: providerTrust(f.idp.clientId),
        MaxSessionDuration: 3600,
      }),
    );
    const tooLong = await errorOf(() =>
      assume({ RoleArn: role.Role?.Arn, WebIdentityToken: token, DurationSeconds: 7200 }),
    );
    expect([tooLong.name, tooLong.message, tooLong.$metadata?.httpStatusCode]).toEqual([
      "ValidationError",
      "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
      400,
    ]);
    const ok = await assume({ RoleArn: role.Role?.Arn, WebIdentityToken: token, DurationSeconds: 3600 });
    expect(ok.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/WebShort/direct`);
  });

  it("refuses a malformed session Policy and accepts a valid one", async () => {
    const token = await f.idp.issueToken({ sub: "direct-4" });
    const error = await errorOf(() => assume({ WebIdentityToken: token, Policy: "{not json" }));
    expect([error.name, error.message, error.$metadata?.httpStatusCode]).toEqual([
      "MalformedPolicyDocumentException",
      "This policy contains invalid Json",
      400,
    ]);
    const policy = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }],
    });
    const ok = await assume({ WebIdentityToken: token, Policy: policy });
    expect(ok.PackedPolicySize).toBeGreaterThan(0);
  });
});
