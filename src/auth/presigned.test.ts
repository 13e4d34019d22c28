import { describe, expect, it } from "vitest";
import { ManualClock } from "../shared/index.js";
import { verifySigV4 } from "./index.js";
import { fixtureLookup, NOW_MS, presignWithSmithy, ROOT_KEY, SESSION_KEY, type SignInput } from "./test-support.js";

const GET_CALLER_IDENTITY = { Action: "GetCallerIdentity", Version: "2011-06-15" };

function presign(over: Partial<SignInput> & { expiresInSeconds?: number; asRoot?: boolean } = {}) {
  const { asRoot, ...rest } = over;
  const key = asRoot
    ? { accessKeyId: ROOT_KEY.accessKeyId, secretAccessKey: ROOT_KEY.secretAccessKey }
    : SESSION_KEY.sessionToken && {
        accessKeyId: SESSION_KEY.accessKeyId,
        secretAccessKey: SESSION_KEY.secretAccessKey,
        sessionToken: SESSION_KEY.sessionToken,
      };
  return presignWithSmithy({
    service: "sts",
    region: "us-east-1",
    ...key,
    signingDate: new Date(NOW_MS),
    query: GET_CALLER_IDENTITY,
    headers: { host: "127.0.0.1:43223" },
    expiresInSeconds: 60,
    ...rest,
  });
}

const verifyAt = (req: Awaited<ReturnType<typeof presign>>, atMs: number) =>
  verifySigV4(req, { service: "sts", lookup: fixtureLookup, clock: new ManualClock(atMs) });

describe("verifySigV4, presigned (query-string) form", () => {
  it("accepts a GET presigned by @smithy/signature-v4 with temporary credentials, until it expires", async () => {
    const req = await presign();
    expect(req.rawPath).toContain("X-Amz-Signature=");
    expect(req.headers.authorization).toBeUndefined();
    expect(await verifyAt(req, NOW_MS + 59_000)).toEqual(SESSION_KEY.principal);
    await expect(verifyAt(req, NOW_MS + 61_000)).rejects.toMatchObject({
      code: "InvalidSignatureException",
      message: "Signature expired: 20261126T134358Z is now earlier than 20261126T134359Z (20261126T134459Z - 60 sec.)",
    });
  });

  it("accepts a POST with a body and root credentials", async () => {
    const req = await presign({
      method: "POST",
      query: {},
      headers: { host: "127.0.0.1:43223", "content-type": "application/x-www-form-urlencoded" },
      body: "Action=GetCallerIdentity&Version=2011-06-15",
      asRoot: true,
    });
    expect(await verifyAt(req, NOW_MS)).toEqual(ROOT_KEY.principal);
  });

  it("refuses a changed query, a changed signature and a changed body", async () => {
    const req = await presign();
    const tampered = [
      { ...req, rawPath: req.rawPath.replace("GetCallerIdentity", "GetSessionToken") },
      {
        ...req,
        rawPath: req.rawPath.replace(
          /X-Amz-Signature=([0-9a-f])/,
          (_m, c) => `X-Amz-Signature=${c === "0" ? "1" : "0"}`,
        ),
      },
      { ...req, rawPath: req.rawPath.replace("X-Amz-Expires=60", "X-Amz-Expires=600") },
      { ...req, body: Buffer.from("x") },
    ];
    for (const request of tampered) {
      await expect(verifyAt(request, NOW_MS)).rejects.toMatchObject({ code: "InvalidSignatureException" });
    }
  });

  it("names missing parameters, a bad X-Amz-Expires and both forms at once", async () => {
    const req = await presign();
    const without = (name: string) => ({ ...req, rawPath: req.rawPath.replace(new RegExp(`&?${name}=[^&]*`), "") });
    await expect(verifyAt(without("X-Amz-Date"), NOW_MS)).rejects.toMatchObject({
      code: "IncompleteSignatureException",
      message: "AWS query-string parameters must include 'X-Amz-Date'.",
    });
    const forever = { ...req, rawPath: req.rawPath.replace("X-Amz-Expires=60", "X-Amz-Expires=604801") };
    await expect(verifyAt(forever, NOW_MS)).rejects.toMatchObject({ code: "IncompleteSignatureException" });
    const both = { ...req, headers: { ...req.headers, authorization: "AWS4-HMAC-SHA256 Credential=x" } };
    await expect(verifyAt(both, NOW_MS)).rejects.toMatchObject({ code: "IncompleteSignatureException" });
    const twice = { ...req, rawPath: `${req.rawPath}&X-Amz-Date=20261126T134358Z` };
    await expect(verifyAt(twice, NOW_MS)).rejects.toMatchObject({
      message: "The query string carries X-Amz-Date more than once.",
    });
  });
});
