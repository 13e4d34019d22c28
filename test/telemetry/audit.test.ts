import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CognitoIdentityClient,
  DescribeIdentityPoolCommand,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetOpenIdTokenCommand,
  ListIdentityPoolsCommand,
} from "@aws-sdk/client-cognito-identity";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tokenDigest } from "../../src/shared/index.js";
import { type PoolFixture, startPoolFixture } from "../support/pool-fixture.js";
import { errorOf, TEST_ROOT } from "../support/server.js";

type Line = { seq: number; time: string; event: Record<string, unknown>; prev: string; hash: string };

const dir = mkdtempSync(join(tmpdir(), "idpool-audit-"));
const trail = join(dir, "audit.log");
const readLines = (): Line[] =>
  readFileSync(trail, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Line);
const events = (type: string) => readLines().filter((l) => l.event.type === type);
/** Lines are written asynchronously, shortly after the answer. */
const eventually = async (type: string, match: (l: Line) => boolean) => {
  await expect.poll(() => events(type).some(match)).toBe(true);
  return events(type).filter(match);
};

let f: PoolFixture;
let stopped = false;
beforeAll(async () => {
  f = await startPoolFixture({ allowClassicFlow: true, server: { flags: { auditLog: trail } } });
});
afterAll(async () => {
  if (!stopped) await f?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("audit trail of a real server", () => {
  it("records each admin call with its signer, operation, resource, outcome, request id and source", async () => {
    const [created] = await eventually(
      "admin_call",
      (l) => l.event.operation === "cognito-identity:CreateIdentityPool",
    );
    expect(created?.event).toEqual({
      type: "admin_call",
      accessKeyId: TEST_ROOT.accessKeyId,
      principalArn: "arn:aws:iam::000000000000:root",
      authenticated: true,
      operation: "cognito-identity:CreateIdentityPool",
      resource: null,
      outcome: "ok",
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      sourceAddress: expect.stringMatching(/127\.0\.0\.1/),
    });
    const missing = "us-east-1:00000000-0000-4000-8000-0000000000ff";
    await errorOf(() => f.server.cognito.send(new DescribeIdentityPoolCommand({ IdentityPoolId: missing })));
    const [described] = await eventually("admin_call", (l) => l.event.resource === missing);
    expect(described?.event).toMatchObject({
      operation: "cognito-identity:DescribeIdentityPool",
      outcome: "ResourceNotFoundException",
    });
    const [role] = await eventually("admin_call", (l) => l.event.operation === "iam:CreateRole");
    expect(role?.event.resource).toBe("FixtureAuth");
  });

  it("records a signed call SigV4 refused, with the access key id it claimed", async () => {
    const forged = new CognitoIdentityClient({
      endpoint: f.server.url,
      region: "us-east-1",
      maxAttempts: 1,
      credentials: { accessKeyId: "AKIAFORGEDFORGED0001", secretAccessKey: "not-the-secret-of-anyone-1234" },
    });
    try {
      await errorOf(() => forged.send(new ListIdentityPoolsCommand({ MaxResults: 1 })));
    } finally {
      forged.destroy();
    }
    const [refused] = await eventually("admin_call", (l) => l.event.accessKeyId === "AKIAFORGEDFORGED0001");
    expect(refused?.event).toMatchObject({
      authenticated: false,
      principalArn: null,
      operation: "cognito-identity:ListIdentityPools",
      outcome: "UnrecognizedClientException",
    });
  });

  it("records credentials and OpenID tokens issued, and a refused login, never a token", async () => {
    const token = await f.idp.issueToken({ sub: "audit-user" });
    const Logins = { [f.idp.loginsKey]: token };
    const { IdentityId } = await f.server.cognito.send(new GetIdCommand({ IdentityPoolId: f.poolId, Logins }));
    const { Credentials } = await f.server.cognito.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins }));
    const openId = await f.server.cognito.send(new GetOpenIdTokenCommand({ IdentityId, Logins }));
    const refusedToken = await f.idp.issueToken({ sub: "audit-user", aud: "someone-else" });
    const refusedLogins = { [f.idp.loginsKey]: refusedToken };
    await errorOf(() => f.server.cognito.send(new GetIdCommand({ IdentityPoolId: f.poolId, Logins: refusedLogins })));

    const [issued] = await eventually("credentials_issued", (l) => l.event.identityId === IdentityId);
    expect(issued?.event).toEqual({
      type: "credentials_issued",
      poolId: f.poolId,
      identityId: IdentityId,
      loginsKeys: [f.idp.loginsKey],
      roleArn: f.authRoleArn,
      expiresAt: Credentials?.Expiration?.toISOString(),
    });
    const [openIdLine] = await eventually("openid_token_issued", (l) => l.event.identityId === IdentityId);
    expect(openIdLine?.event).toEqual({
      type: "openid_token_issued",
      poolId: f.poolId,
      identityId: IdentityId,
      loginsKeys: [f.idp.loginsKey],
      expiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    const [refused] = await eventually("login_refused", (l) => l.event.tokenDigest === tokenDigest(refusedToken));
    expect(refused?.event).toEqual({
      type: "login_refused",
      poolId: f.poolId,
      loginsKey: f.idp.loginsKey,
      rule: "audience",
      reason: "audience_mismatch",
      tokenDigest: tokenDigest(refusedToken),
    });

    const text = readFileSync(trail, "utf8");
    for (const secret of [token, refusedToken, openId.Token ?? "missing"]) {
      expect(text).not.toContain(secret.split(".")[2]);
    }
    for (const secret of [Credentials?.SecretKey, Credentials?.SessionToken, TEST_ROOT.secretAccessKey]) {
      expect(secret).toBeDefined();
      expect(text).not.toContain(secret);
    }
    // Unsigned calls are not admin calls: their issuing and refusals have records of their own.
    expect(events("admin_call").filter((l) => String(l.event.operation).includes("GetId"))).toEqual([]);
  });

  it("chains every line to the one before it, seq counting up from 1", () => {
    const lines = readLines();
    expect(lines[0]).toMatchObject({ seq: 1, prev: "0".repeat(64) });
    lines.forEach((line, i) => {
      expect(line.seq).toBe(i + 1);
      if (i > 0) expect(line.prev).toBe(lines[i - 1]?.hash);
    });
  });

  it("writes every event queued before stop", async () => {
    const calls = Array.from({ length: 20 }, () =>
      f.server.cognito.send(new ListIdentityPoolsCommand({ MaxResults: 5 })),
    );
    await Promise.all(calls);
    const before = events("admin_call").length;
    stopped = true;
    await f.stop();
    const listed = events("admin_call").filter(
      (l) => l.event.operation === "cognito-identity:ListIdentityPools" && l.event.authenticated === true,
    );
    expect(listed).toHaveLength(20);
    expect(events("admin_call").length).toBeGreaterThanOrEqual(before);
  });
});
