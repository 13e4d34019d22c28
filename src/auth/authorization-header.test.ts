import { beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../shared/index.js";
import { type SignedRequest, verifySigV4 } from "./index.js";
import { fixtureLookup, NOW_MS, ROOT_KEY, signWithSmithy } from "./test-support.js";

const clock = new ManualClock(NOW_MS);
let base: SignedRequest;
let signature: string;

beforeAll(async () => {
  base = await signWithSmithy({
    service: "iam",
    region: "us-east-1",
    ...ROOT_KEY,
    signingDate: new Date(NOW_MS),
    headers: { host: "127.0.0.1:43223", "content-type": "application/x-www-form-urlencoded" },
    body: "Action=ListRoles&Version=2010-05-08",
  });
  signature = String(base.headers.authorization).split("Signature=")[1] ?? "";
  expect(signature).toMatch(/^[0-9a-f]{64}$/);
});

function withHeaders(changes: Record<string, string | undefined>): SignedRequest {
  const headers: Record<string, string | string[] | undefined> = { ...base.headers };
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) delete headers[name];
    else headers[name] = value;
  }
  return { ...base, headers };
}

async function refusal(req: SignedRequest): Promise<{ code: string; message: string }> {
  const error: unknown = await verifySigV4(req, { service: "iam", lookup: fixtureLookup, clock }).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof Error) || !("code" in error) || typeof error.code !== "string") throw new Error("not refused");
  return { code: error.code, message: error.message };
}

describe("Authorization header shape", () => {
  it("no Authorization header: MissingAuthenticationToken", async () => {
    await expect(refusal(withHeaders({ authorization: undefined }))).resolves.toEqual({
      code: "MissingAuthenticationTokenException",
      message: "Request is missing Authentication Token",
    });
  });

  it("missing Credential and Signature: both named, header echoed without a signature value", async () => {
    const auth = "AWS4-HMAC-SHA256 SignedHeaders=content-type;host;x-amz-date";
    await expect(refusal(withHeaders({ authorization: auth }))).resolves.toEqual({
      code: "IncompleteSignatureException",
      message: `Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization=${auth}`,
    });
  });

  it("missing SignedHeaders: the echo redacts the signature", async () => {
    const auth = String(base.headers.authorization).replace(/SignedHeaders=[^,]+, /, "");
    const { code, message } = await refusal(withHeaders({ authorization: auth }));
    expect(code).toBe("IncompleteSignatureException");
    expect(message).toBe(
      `Authorization header requires 'SignedHeaders' parameter. Authorization=AWS4-HMAC-SHA256 Credential=${ROOT_KEY.accessKeyId}/20261126/us-east-1/iam/aws4_request, Signature=[redacted]`,
    );
    expect(message).not.toContain(signature);
  });

  it("no X-Amz-Date and no Date header", async () => {
    const { code, message } = await refusal(withHeaders({ "x-amz-date": undefined }));
    expect(code).toBe("IncompleteSignatureException");
    expect(
      message.startsWith(
        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=AWS4-HMAC-SHA256 Credential=",
      ),
    ).toBe(true);
    expect(message).not.toContain(signature);
  });

  it("host not among SignedHeaders", async () => {
    const auth = String(base.headers.authorization).replace("host;", "");
    await expect(refusal(withHeaders({ authorization: auth }))).resolves.toEqual({
      code: "IncompleteSignatureException",
      message: "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
    });
  });

  it("another algorithm, without echoing what may be a bearer token", async () => {
    const { code, message } = await refusal(withHeaders({ authorization: "Bearer eyJhbGciOiJSUzI1NiJ9.secret.sig" }));
    expect(code).toBe("IncompleteSignatureException");
    expect(message).toBe("Authorization header must use the 'AWS4-HMAC-SHA256' algorithm.");
  });

  it("a parameter that is not key=value", async () => {
    const auth = String(base.headers.authorization).replace("SignedHeaders=", "SignedHeaders=x, junk, SignedHeaders=");
    const { code, message } = await refusal(withHeaders({ authorization: auth }));
    expect(code).toBe("IncompleteSignatureException");
    expect(
      message.startsWith(
        "'junk' not a valid key=value pair (missing equal-sign) in Authorization header: 'Authorization=AWS4-HMAC-SHA256",
      ),
    ).toBe(true);
    expect(message).not.toContain(signature);
  });

  it("a Credential without five elements", async () => {
    const auth = String(base.headers.authorization).replace("/aws4_request", "");
    await expect(refusal(withHeaders({ authorization: auth }))).resolves.toEqual({
      code: "IncompleteSignatureException",
      message: `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${ROOT_KEY.accessKeyId}/20261126/us-east-1/iam'`,
    });
  });

  it("an empty region", async () => {
    const auth = String(base.headers.authorization).replace("/us-east-1/", "//");
    await expect(refusal(withHeaders({ authorization: auth }))).resolves.toEqual({
      code: "InvalidSignatureException",
      message: "Credential should be scoped to a valid region. ",
    });
  });

  it("an X-Amz-Date not in the ISO 8601 basic format", async () => {
    for (const bad of ["2026-11-26T13:43:58Z", "20261126T134358", "20261131T134358Z", "20261126T250000Z"]) {
      await expect(refusal(withHeaders({ "x-amz-date": bad }))).resolves.toEqual({
        code: "IncompleteSignatureException",
        message: `Date must be in ISO-8601 'basic format'. Got '${bad}'. See http://en.wikipedia.org/wiki/ISO_8601`,
      });
    }
  });

  it("an unparseable Date header when X-Amz-Date is absent", async () => {
    await expect(refusal(withHeaders({ "x-amz-date": undefined, date: "yesterday" }))).resolves.toEqual({
      code: "IncompleteSignatureException",
      message: "Date header is not a valid HTTP date. Got 'yesterday'.",
    });
  });

  it("tolerates extra spaces around the parameters", async () => {
    const auth = String(base.headers.authorization).replace(/, /g, " ,   ").replace(" Credential", "   Credential");
    await expect(
      verifySigV4(withHeaders({ authorization: auth }), { service: "iam", lookup: fixtureLookup, clock }),
    ).resolves.toEqual(ROOT_KEY.principal);
  });
});
