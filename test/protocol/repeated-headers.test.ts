import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signWithSmithy } from "../../src/auth/test-support.js";
import { startTestServer, TEST_ROOT, type TestServer } from "../support/server.js";

/** A raw POST / whose headers may repeat (Node sends one header line per array element). */
function post(url: string, headers: Record<string, string | string[]>, body: string) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(url, { method: "POST", headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        text += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe("a signed request with two Authorization headers", () => {
  it("is refused whichever of the two is the valid one, and one valid header alone is served", async () => {
    const port = new URL(server.url).port;
    const signed = await signWithSmithy({
      service: "cognito-identity",
      region: "us-east-1",
      ...TEST_ROOT,
      signingDate: new Date(),
      headers: {
        host: `127.0.0.1:${port}`,
        "content-type": "application/x-amz-json-1.1",
        "x-amz-target": "AWSCognitoIdentityService.ListIdentityPools",
      },
      body: JSON.stringify({ MaxResults: 5 }),
    });
    const headers = { ...signed.headers } as Record<string, string>;
    const good = headers.authorization ?? "";
    const forged = good.replace(/Credential=[^/]+/, "Credential=AKIAFORGED0000000000");
    const payload = signed.body.toString("utf8");
    expect((await post(server.url, headers, payload)).status).toBe(200);
    for (const pair of [
      [good, forged],
      [forged, good],
    ]) {
      const answer = await post(server.url, { ...headers, authorization: pair }, payload);
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body)).toEqual({
        __type: "IncompleteSignatureException",
        message: "The request carries more than one Authorization header.",
      });
    }
  });
});
