import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.js";

/** Raw HTTP against a real listening server: exact statuses, headers and bodies. */
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

async function post(headers: Record<string, string>, body: string | Buffer): Promise<Response> {
  return fetch(`${server.url}/`, { method: "POST", headers, body });
}

const JSON_HEADERS = { "content-type": "application/x-amz-json-1.1" };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("AWS JSON 1.1 errors", () => {
  it("answers an unknown operation with __type, message, x-amzn-ErrorType and a request id", async () => {
    const res = await post({ ...JSON_HEADERS, "x-amz-target": "AWSCognitoIdentityService.Nope" }, "{}");
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/x-amz-json-1.1");
    expect(res.headers.get("x-amzn-errortype")).toBe("UnknownOperationException:");
    expect(res.headers.get("x-amzn-requestid")).toMatch(UUID);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(await res.json()).toEqual({
      __type: "UnknownOperationException",
      message: "Unknown operation 'AWSCognitoIdentityService.Nope'.",
    });
  });

  it("answers malformed JSON with SerializationException", async () => {
    const res = await post({ ...JSON_HEADERS, "x-amz-target": "AWSCognitoIdentityService.ListIdentityPools" }, "{nope");
    expect(res.status).toBe(400);
    const body = (await res.json()) as { __type: string; message: string };
    expect(body.__type).toBe("SerializationException");
    expect(body.message).toMatch(/^Request body is not valid JSON/);
  });

  it("answers a JSON array body with SerializationException", async () => {
    const res = await post({ ...JSON_HEADERS, "x-amz-target": "AWSCognitoIdentityService.ListIdentityPools" }, "[1]");
    expect(((await res.json()) as { message: string }).message).toBe("Request body must be a JSON object.");
  });

  it("answers a wrong content type with 415 in the JSON shape", async () => {
    const res = await post({ "content-type": "text/plain", "x-amz-target": "AWSCognitoIdentityService.GetId" }, "{}");
    expect(res.status).toBe(415);
    expect(((await res.json()) as { __type: string }).__type).toBe("UnsupportedMediaTypeException");
  });

  it("answers an unsigned call to a signed operation with MissingAuthenticationTokenException", async () => {
    const res = await post(
      { ...JSON_HEADERS, "x-amz-target": "AWSCognitoIdentityService.ListIdentityPools" },
      '{"MaxResults":1}',
    );
    expect(res.status).toBe(400);
    expect(((await res.json()) as { __type: string }).__type).toBe("MissingAuthenticationTokenException");
  });

  it("refuses a body over the size limit with 413 and keeps serving", async () => {
    const big = Buffer.alloc(1024 * 1024 + 1, 0x20);
    const res = await post({ ...JSON_HEADERS, "x-amz-target": "AWSCognitoIdentityService.GetId" }, big);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { __type: string }).__type).toBe("RequestEntityTooLargeException");
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
  });
});

describe("AWS Query errors", () => {
  const FORM = { "content-type": "application/x-www-form-urlencoded; charset=utf-8" };

  it("answers an unknown action with ErrorResponse/Error/{Type,Code,Message} and RequestId", async () => {
    const res = await post(FORM, "Action=Nope&Version=2010-05-08");
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("text/xml");
    const id = res.headers.get("x-amzn-requestid");
    expect(id).toMatch(UUID);
    expect(await res.text()).toBe(
      `<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type>` +
        `<Code>InvalidAction</Code><Message>Could not find operation Nope for version 2010-05-08.</Message></Error>` +
        `<RequestId>${id}</RequestId></ErrorResponse>`,
    );
  });

  it("uses the STS namespace for STS versions and names a missing Action", async () => {
    const res = await post(FORM, "Version=2011-06-15");
    expect(await res.text()).toContain(
      '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>InvalidAction</Code>' +
        "<Message>Request is missing the &apos;Action&apos; parameter.</Message>",
    );
  });

  it("answers an unsigned IAM call with MissingAuthenticationToken 403", async () => {
    const res = await post(FORM, "Action=ListRoles&Version=2010-05-08");
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("<Code>MissingAuthenticationToken</Code>");
  });

  it("answers a body that is neither JSON nor a form with a 415 XML error", async () => {
    const res = await post({ "content-type": "application/octet-stream" }, "Action=ListRoles");
    expect(res.status).toBe(415);
    expect(await res.text()).toContain("<Code>UnsupportedMediaType</Code>");
  });
});

describe("other routes", () => {
  it("answers the CORS preflight with the headers browser SDKs send", async () => {
    const res = await fetch(`${server.url}/`, {
      method: "OPTIONS",
      headers: { origin: "http://app.example", "access-control-request-method": "POST" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-headers")).toContain("x-amz-target");
    expect(res.headers.get("access-control-allow-methods")).toContain("POST");
  });

  it("reports health as JSON", async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("answers POST elsewhere than / in the protocol's shape", async () => {
    const res = await fetch(`${server.url}/other`, { method: "POST", headers: JSON_HEADERS, body: "{}" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { __type: string }).__type).toBe("UnknownOperationException");
  });

  it("logs every line with the request id and never a secret", () => {
    const requestLines = server.logLines.filter((l) => l.msg === "request");
    expect(requestLines.length).toBeGreaterThan(5);
    for (const line of requestLines) expect(line.reqId).toMatch(UUID);
    const all = JSON.stringify(server.logLines);
    expect(all).not.toContain("test-root-secret");
  });
});
