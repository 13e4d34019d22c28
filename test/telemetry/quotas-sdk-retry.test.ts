import { CognitoIdentityClient, CreateIdentityPoolCommand, GetIdCommand } from "@aws-sdk/client-cognito-identity";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { ServiceEvent } from "../../src/shared/index.js";
import { startTestServer, TEST_ROOT, type TestServer } from "../support/server.js";

/**
 * The official SDKs' default retry (standard mode, 3 attempts, backoff on throttling errors) rides
 * out a low quota: of three concurrent calls at 2 a second, the third is throttled, retried once
 * the bucket has refilled, and succeeds. The clients here keep the default `maxAttempts`.
 */
const calls: { operation: string; outcome: string }[] = [];
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    flags: { quota: "GetId=2,GetCallerIdentity=2" },
    eventSinks: [
      {
        emit: (e: ServiceEvent) => {
          if (e.type === "request") calls.push({ operation: e.operation, outcome: e.outcome });
        },
      },
    ],
  });
});
afterAll(async () => {
  await server?.stop();
});
beforeEach(() => {
  // The SDK's backoff is "full jitter", random × 1 s for a first retry after throttling; fixed here
  // at 0.75 (750 ms, past the 500 ms in which the bucket refills one token) so the run is the same
  // every time. The retry strategy itself is the SDK's default.
  vi.spyOn(Math, "random").mockReturnValue(0.75);
});
afterEach(() => {
  vi.restoreAllMocks();
});

const outcomesOf = (operation: string) =>
  calls
    .filter((c) => c.operation === operation)
    .map((c) => c.outcome)
    .sort();

describe("the SDK's default retry against a quota", () => {
  it("gets three identity ids from GetId at 2 a second, one of them after a TooManyRequestsException", async () => {
    const pool = await server.cognito.send(
      new CreateIdentityPoolCommand({ IdentityPoolName: "retried", AllowUnauthenticatedIdentities: true }),
    );
    const client = new CognitoIdentityClient({ endpoint: server.url, region: "us-east-1", credentials: TEST_ROOT });
    try {
      const ids = await Promise.all(
        [1, 2, 3].map(() => client.send(new GetIdCommand({ IdentityPoolId: pool.IdentityPoolId }))),
      );
      expect(ids.map((r) => r.IdentityId)).toEqual([
        expect.stringMatching(/^us-east-1:/),
        expect.stringMatching(/^us-east-1:/),
        expect.stringMatching(/^us-east-1:/),
      ]);
      expect(ids.map((r) => r.$metadata.attempts).sort()).toEqual([1, 1, 2]);
      expect(outcomesOf("GetId")).toEqual(["TooManyRequestsException", "ok", "ok", "ok"]);
    } finally {
      client.destroy();
    }
  });

  it("gets the caller identity three times from STS at 2 a second, one of them after a Throttling", async () => {
    const client = new STSClient({ endpoint: server.url, region: "us-east-1", credentials: TEST_ROOT });
    try {
      const answers = await Promise.all([1, 2, 3].map(() => client.send(new GetCallerIdentityCommand({}))));
      expect(answers.map((r) => r.Account)).toEqual(["000000000000", "000000000000", "000000000000"]);
      expect(answers.map((r) => r.$metadata.attempts).sort()).toEqual([1, 1, 2]);
      expect(outcomesOf("GetCallerIdentity")).toEqual(["Throttling", "ok", "ok", "ok"]);
    } finally {
      client.destroy();
    }
  });
});
