import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateIdentityPoolCommand } from "@aws-sdk/client-cognito-identity";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/shared/index.js";
import { AWS_DEFAULT_QUOTAS } from "../../src/telemetry/index.js";
import { startTestServer, type TestServer } from "../support/server.js";

/**
 * Quotas against a real listening server, in raw HTTP. The clock stands still (near real time, as
 * SigV4 checks it), so no bucket refills unless a test moves it: counts are exact.
 */
const JSON_HEADERS = { "content-type": "application/x-amz-json-1.1" };
const FORM = { "content-type": "application/x-www-form-urlencoded; charset=utf-8" };

async function cognito(server: TestServer, op: string, body: object): Promise<Response> {
  const headers = { ...JSON_HEADERS, "x-amz-target": `AWSCognitoIdentityService.${op}` };
  return fetch(`${server.url}/`, { method: "POST", headers, body: JSON.stringify(body) });
}

async function query(server: TestServer, form: string): Promise<Response> {
  return fetch(`${server.url}/`, { method: "POST", headers: FORM, body: form });
}

/** The JSON `__type` of each of `n` calls in a row. */
async function typesOf(n: number, call: () => Promise<Response>): Promise<string[]> {
  const types: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await call();
    types.push(res.status === 200 ? "ok" : ((await res.json()) as { __type: string }).__type);
  }
  return types;
}

const THROTTLED_JSON = { __type: "TooManyRequestsException", message: "Rate exceeded" };

function throttledXml(ns: string, requestId: string | null): string {
  return (
    `<ErrorResponse xmlns="${ns}"><Error><Type>Sender</Type><Code>Throttling</Code>` +
    `<Message>Rate exceeded</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`
  );
}

describe("--quota OPERATION=RATE", () => {
  const clock = new ManualClock(Date.now());
  let server: TestServer;
  let poolId: string;
  beforeAll(async () => {
    server = await startTestServer({
      clock,
      flags: { quota: "GetId=2,AssumeRoleWithWebIdentity=1,ListRoles=1" },
    });
    const pool = await server.cognito.send(
      new CreateIdentityPoolCommand({ IdentityPoolName: "quotas", AllowUnauthenticatedIdentities: true }),
    );
    poolId = pool.IdentityPoolId ?? "";
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("answers Cognito Identity over quota with 400 TooManyRequestsException, `Rate exceeded`", async () => {
    for (let i = 0; i < 2; i++) {
      const res = await cognito(server, "GetId", { IdentityPoolId: poolId });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { IdentityId: string }).IdentityId).toMatch(/^us-east-1:/);
    }
    const res = await cognito(server, "GetId", { IdentityPoolId: poolId });
    expect(res.status).toBe(400);
    expect(res.headers.get("x-amzn-errortype")).toBe("TooManyRequestsException:");
    expect(await res.json()).toEqual(THROTTLED_JSON);
  });

  it("refills at the rate: 500 ms later one more GetId passes, the next does not", async () => {
    clock.advanceMs(500);
    expect(await typesOf(2, () => cognito(server, "GetId", { IdentityPoolId: poolId }))).toEqual([
      "ok",
      "TooManyRequestsException",
    ]);
  });

  it("answers STS over quota with 400 Throttling in STS's error shape", async () => {
    const form =
      "Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleSessionName=s&WebIdentityToken=not-a-token" +
      "&RoleArn=arn%3Aaws%3Aiam%3A%3A000000000000%3Arole%2Fr";
    const first = await query(server, form);
    expect(await first.text()).not.toContain("<Code>Throttling</Code>");
    const res = await query(server, form);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("text/xml");
    expect(await res.text()).toBe(
      throttledXml("https://sts.amazonaws.com/doc/2011-06-15/", res.headers.get("x-amzn-requestid")),
    );
  });

  it("throttles IAM before it authenticates, as AWS does: unsigned, then 400 Throttling", async () => {
    const first = await query(server, "Action=ListRoles&Version=2010-05-08");
    expect(first.status).toBe(403);
    expect(await first.text()).toContain("<Code>MissingAuthenticationToken</Code>");
    const res = await query(server, "Action=ListRoles&Version=2010-05-08");
    expect(res.status).toBe(400);
    expect(await res.text()).toBe(
      throttledXml("https://iam.amazonaws.com/doc/2010-05-08/", res.headers.get("x-amzn-requestid")),
    );
  });

  it("leaves operations without a quota alone", async () => {
    const types = await typesOf(30, () => cognito(server, "DescribeIdentityPool", { IdentityPoolId: poolId }));
    expect(new Set(types)).toEqual(new Set(["MissingAuthenticationTokenException"]));
  });
});

describe("--quota-defaults aws", () => {
  const clock = new ManualClock(Date.now());
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ clock, flags: { quotaDefaults: "aws", quota: "ListTagsForResource=1" } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("loads AWS's table, with --quota overriding its operation, and logs what is in effect", () => {
    const line = server.logLines.find((l) => l.msg === "quotas in effect (requests per second, in this process)");
    expect(line?.quotas).toEqual({ ...AWS_DEFAULT_QUOTAS, ListTagsForResource: 1 });
  });

  it("throttles ListIdentities at AWS's 5 a second, before authentication", async () => {
    const types = await typesOf(6, () => cognito(server, "ListIdentities", { IdentityPoolId: "us-east-1:x" }));
    expect(types).toEqual([...Array(5).fill("MissingAuthenticationTokenException"), "TooManyRequestsException"]);
  });

  it("throttles ListTagsForResource at the --quota rate instead of AWS's 10", async () => {
    const arn = "arn:aws:cognito-identity:us-east-1:000000000000:identitypool/us-east-1:x";
    const types = await typesOf(2, () => cognito(server, "ListTagsForResource", { ResourceArn: arn }));
    expect(types).toEqual(["MissingAuthenticationTokenException", "TooManyRequestsException"]);
  });
});

describe("a bad --quota", () => {
  /** The message startApp failed with (its own data directory, removed after). */
  async function startFailure(quota: string): Promise<string> {
    const dataDir = mkdtempSync(join(tmpdir(), "idpool-quota-"));
    try {
      const server = await startTestServer({ dataDir, flags: { quota } });
      await server.stop();
      return "started";
    } catch (error) {
      return (error as Error).message;
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }

  it("fails at start when it names no operation idpool serves, naming the flag", async () => {
    expect(await startFailure("GetId=2,GetIdentity=1")).toBe(
      "--quota (IDPOOL_QUOTA): idpool serves no operation named 'GetIdentity'; operation names are AWS's, such as GetId, AssumeRoleWithWebIdentity or CreateRole",
    );
  });

  it("fails at start when its rate is not a number above 0, naming the flag", async () => {
    expect(await startFailure("GetId=0")).toBe(
      "--quota: expected OPERATION=RATE with a rate above 0 requests per second, got 'GetId=0'",
    );
  });
});
