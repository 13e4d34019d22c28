import aws4 from "aws4";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningGateway, startGateway } from "../../src/app/gateway.js";
import { createLogger } from "../../src/app/logger.js";
import { loadGatewayConfig } from "../../src/config/index.js";
import {
  API_ARN,
  type Credentials,
  type GatewayFixture,
  smithyPresigned,
  smithySigned,
  startGatewayFixture,
} from "../support/gateway-fixture.js";
import { TEST_ROOT } from "../support/server.js";

/** SigV4 at the gateway: two independent signers, both forms, the body held to its hash (README: "Protect your own API"). */

let f: GatewayFixture;
let creds: Credentials;

beforeAll(async () => {
  f = await startGatewayFixture();
  await f.setAuthPolicy([{ Effect: "Allow", Action: "execute-api:Invoke", Resource: `${API_ARN}/*/orders*` }]);
  creds = await f.userCredentials("alice");
});
afterAll(() => f?.stop());

/** Signs with the `aws4` package (an implementation independent of the AWS SDKs') and sends. */
async function aws4Signed(
  c: Credentials,
  r: { method: string; path: string; body?: string; sendBody?: string },
): Promise<{ status: number; json: Record<string, unknown> }> {
  const url = new URL(f.gateway.url);
  const signed = aws4.sign(
    {
      host: url.host,
      method: r.method,
      path: r.path,
      service: "execute-api",
      region: "us-east-1",
      ...(r.body !== undefined ? { body: r.body } : {}),
    },
    c,
  );
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(signed.headers ?? {})) if (k.toLowerCase() !== "host") headers[k] = String(v);
  const res = await fetch(`${f.gateway.url}${r.path}`, {
    method: r.method,
    headers,
    ...((r.sendBody ?? r.body) !== undefined ? { body: r.sendBody ?? r.body } : {}),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

const MISMATCH =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

describe("idpool gateway: signatures", () => {
  it("accepts requests signed by the aws4 package, a body included, and streams the body to the upstream", async () => {
    const get = await aws4Signed(creds, { method: "GET", path: "/orders?limit=2" });
    expect(get.status).toBe(200);
    const body = JSON.stringify({ item: "book", quantity: 2 });
    const post = await aws4Signed(creds, { method: "POST", path: "/orders", body });
    expect([post.status, post.json.body]).toEqual([200, body]);
  });

  it("refuses a body changed after signing, and the upstream never receives it whole (no x-amz-content-sha256)", async () => {
    const before = f.upstream.received.length;
    const out = await aws4Signed(creds, {
      method: "POST",
      path: "/orders",
      body: JSON.stringify({ amount: 1 }),
      sendBody: JSON.stringify({ amount: 9 }),
    });
    expect([out.status, out.json]).toEqual([403, { message: MISMATCH }]);
    expect(f.upstream.received.length).toBe(before);
  });

  it("refuses a body that does not match its signed x-amz-content-sha256 (the AWS SDK's signer)", async () => {
    const before = f.upstream.received.length;
    const out = await smithySigned(
      f.gateway.url,
      creds,
      { method: "PUT", path: "/orders/1", body: "quantity=1" },
      { sendBody: "quantity=7" },
    );
    expect([out.status, out.json]).toEqual([
      403,
      { message: "The provided 'x-amz-content-sha256' header does not match what was computed." },
    ]);
    expect(f.upstream.received.length).toBe(before);
  });

  it("accepts a presigned URL, and does not pass its signature on to the upstream", async () => {
    const out = await smithyPresigned(f.gateway.url, creds, "/orders/7?view=full");
    expect(out.status).toBe(200);
    expect(out.json.url).toBe("/orders/7?view=full");
  });

  it("says what is wrong: no signature, unknown credentials, a wrong secret, a malformed header", async () => {
    const unsigned = await fetch(`${f.gateway.url}/orders`);
    expect([unsigned.status, await unsigned.json()]).toEqual([403, { message: "Missing Authentication Token" }]);
    const unknown = await smithySigned(
      f.gateway.url,
      { accessKeyId: "AKIAUNKNOWN000000000", secretAccessKey: "x".repeat(40) },
      { path: "/orders" },
    );
    expect([unknown.status, unknown.json]).toEqual([
      403,
      { message: "The security token included in the request is invalid." },
    ]);
    const wrong = await smithySigned(
      f.gateway.url,
      { ...TEST_ROOT, secretAccessKey: "not-the-secret-0123456789abcdef" },
      { path: "/orders" },
    );
    expect([wrong.status, wrong.json]).toEqual([403, { message: MISMATCH }]);
    const malformed = await fetch(`${f.gateway.url}/orders`, {
      headers: { authorization: "AWS4-HMAC-SHA256 Credential=abc", "x-amz-date": "20260101T000000Z" },
    });
    expect(malformed.status).toBe(403);
    expect(String(((await malformed.json()) as { message: string }).message)).toMatch(
      /Authorization header requires|Credential/,
    );
  });

  it("refuses expired credentials with STS's message", async () => {
    // A gateway whose clock is two hours ahead, and a request signed at that time: the one-hour credentials have expired.
    const aheadMs = 2 * 3600_000;
    const later: RunningGateway = await startGateway({
      ...loadGatewayConfig(
        { upstream: f.upstream.url, port: "0", dataDir: f.pool.server.dataDir },
        { IDPOOL_ROOT_ACCESS_KEY_ID: TEST_ROOT.accessKeyId, IDPOOL_ROOT_SECRET_ACCESS_KEY: TEST_ROOT.secretAccessKey },
      ),
      log: createLogger("silent"),
      clock: { nowMs: () => Date.now() + aheadMs },
    });
    try {
      const out = await smithySigned(
        later.url,
        creds,
        { path: "/orders" },
        { signingDate: new Date(Date.now() + aheadMs) },
      );
      expect([out.status, out.json]).toEqual([
        403,
        { message: "The security token included in the request is expired" },
      ]);
    } finally {
      await later.stop();
    }
  });

  it("refuses UNSIGNED-PAYLOAD unless started with --allow-unsigned-payload", async () => {
    const request = {
      method: "POST",
      path: "/orders",
      body: "anything",
      headers: { "x-amz-content-sha256": "UNSIGNED-PAYLOAD" },
    };
    const refused = await smithySigned(f.gateway.url, creds, request);
    expect([refused.status, refused.json]).toEqual([
      403,
      {
        message:
          "UNSIGNED-PAYLOAD is not accepted here: sign the body, or start the gateway with --allow-unsigned-payload.",
      },
    ]);
    const lenient = await startGateway({
      ...loadGatewayConfig(
        { upstream: f.upstream.url, port: "0", dataDir: f.pool.server.dataDir, allowUnsignedPayload: true },
        { IDPOOL_ROOT_ACCESS_KEY_ID: TEST_ROOT.accessKeyId, IDPOOL_ROOT_SECRET_ACCESS_KEY: TEST_ROOT.secretAccessKey },
      ),
      log: createLogger("silent"),
    });
    try {
      const out = await smithySigned(lenient.url, creds, request, { sendBody: "changed" });
      expect([out.status, out.json.body]).toEqual([200, "changed"]);
    } finally {
      await lenient.stop();
    }
  });

  it("refuses paths the upstream could read differently from how they were authorised", async () => {
    const out = await smithySigned(f.gateway.url, creds, { path: "/orders/..%2F..%2Fadmin" });
    expect([out.status, out.json]).toEqual([400, { message: "The request path must not contain encoded slashes." }]);
  });
});
