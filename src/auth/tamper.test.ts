import { beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../shared/index.js";
import { type CredentialLookup, SIGNATURE_MISMATCH, type SignedRequest, verifySigV4 } from "./index.js";
import { CONTENT_SHA256_MISMATCH } from "./payload-hash.js";
import {
  EXPIRED_SESSION_TOKEN,
  fixtureLookup,
  NOW_MS,
  ROOT_KEY,
  SDK_UNSIGNED_HEADERS,
  SESSION_KEY,
  type SignInput,
  sdkHeaders,
  signWithSmithy,
} from "./test-support.js";

const clock = new ManualClock(NOW_MS);
const BODY = "Action=GetCallerIdentity&Version=2011-06-15";
const MISMATCH = { code: "InvalidSignatureException", message: SIGNATURE_MISMATCH } as const;

function sign(overrides: Partial<SignInput> = {}): Promise<SignedRequest> {
  return signWithSmithy({
    service: "sts",
    region: "us-east-1",
    accessKeyId: SESSION_KEY.accessKeyId,
    secretAccessKey: SESSION_KEY.secretAccessKey,
    sessionToken: SESSION_KEY.sessionToken,
    signingDate: new Date(NOW_MS),
    headers: { ...sdkHeaders("sts", BODY), "x-amz-meta-spaced": "a  b   c" },
    unsignedHeaders: SDK_UNSIGNED_HEADERS,
    query: { q: ["1", "2"] },
    body: BODY,
    ...overrides,
  });
}

function verify(req: SignedRequest, lookup: CredentialLookup = fixtureLookup, service = "sts") {
  return verifySigV4(req, { service, lookup, clock });
}

/** A copy of `req` with some headers replaced (undefined removes). */
function withHeaders(req: SignedRequest, changes: Record<string, string | undefined>): SignedRequest {
  const headers: Record<string, string | string[] | undefined> = { ...req.headers };
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) delete headers[name];
    else headers[name] = value;
  }
  return { ...req, headers };
}

function editAuthorization(req: SignedRequest, from: string | RegExp, to: string): SignedRequest {
  const auth = String(req.headers.authorization);
  const edited = auth.replace(from, to);
  expect(edited).not.toBe(auth);
  return withHeaders(req, { authorization: edited });
}

let base: SignedRequest;
beforeAll(async () => {
  base = await sign();
});

describe("the untampered request", () => {
  it("is accepted and yields the session principal", async () => {
    await expect(verify(base)).resolves.toEqual(SESSION_KEY.principal);
  });

  it("is still accepted when a signed header's runs of spaces change (canonical values collapse them)", async () => {
    await expect(verify(withHeaders(base, { "x-amz-meta-spaced": "  a b c " }))).resolves.toEqual(
      SESSION_KEY.principal,
    );
  });

  it("is still accepted when the query parameters arrive in another order", async () => {
    await expect(verify({ ...base, rawPath: "/?q=2&q=1" })).resolves.toEqual(SESSION_KEY.principal);
  });
});

describe("tampering is refused with SignatureDoesNotMatch", () => {
  const cases: ReadonlyArray<readonly [string, (req: SignedRequest) => SignedRequest]> = [
    ["the method", (r) => ({ ...r, method: "PUT" })],
    ["the path", (r) => ({ ...r, rawPath: r.rawPath.replace("/?", "/other?") })],
    ["a query value", (r) => ({ ...r, rawPath: "/?q=1&q=3" })],
    ["a dropped query parameter", (r) => ({ ...r, rawPath: "/?q=1" })],
    ["an added query parameter", (r) => ({ ...r, rawPath: `${r.rawPath}&extra=1` })],
    ["a signed header's value", (r) => withHeaders(r, { "content-type": "application/json" })],
    ["a signed SDK header's value", (r) => withHeaders(r, { "amz-sdk-request": "attempt=2; max=3" })],
    ["a removed signed header", (r) => withHeaders(r, { "x-amz-user-agent": undefined })],
    ["SignedHeaders naming a header the request lacks", (r) => editAuthorization(r, "host;", "host;x-absent;")],
    [
      "SignedHeaders naming Object.prototype members",
      (r) => editAuthorization(r, "host;", "__proto__;constructor;host;toString;"),
    ],
    ["SignedHeaders with a header left out", (r) => editAuthorization(r, "x-amz-meta-spaced;", "")],
    ["x-amz-date moved by one second", (r) => withHeaders(r, { "x-amz-date": "20261126T134359Z" })],
    ["the scope's region", (r) => editAuthorization(r, "/us-east-1/", "/eu-west-1/")],
    [
      "the access key id (another known key)",
      (r) => editAuthorization(r, SESSION_KEY.accessKeyId, ROOT_KEY.accessKeyId),
    ],
    [
      "one signature digit",
      (r) =>
        editAuthorization(
          r,
          /Signature=(.)/,
          String(r.headers.authorization).match(/Signature=(.)/)?.[1] === "0" ? "Signature=1" : "Signature=0",
        ),
    ],
    [
      "a shortened signature (different length: no TypeError from timingSafeEqual)",
      (r) => editAuthorization(r, /Signature=(\w+)/, `Signature=${String(r.headers.authorization).slice(-40)}`),
    ],
    ["a lengthened signature", (r) => editAuthorization(r, /(Signature=\w+)/, "$1ab")],
    [
      "an upper-cased signature",
      (r) =>
        editAuthorization(
          r,
          /Signature=(\w+)/,
          `Signature=${String(r.headers.authorization).split("Signature=")[1]?.toUpperCase()}`,
        ),
    ],
  ];
  for (const [name, tamper] of cases) {
    it(name, async () => {
      await expect(verify(tamper(base))).rejects.toMatchObject(MISMATCH);
    });
  }

  it("the body, when no x-amz-content-sha256 was sent", async () => {
    const req = await sign({ contentSha256: "none" });
    await expect(verify(req)).resolves.toEqual(SESSION_KEY.principal);
    await expect(verify({ ...req, body: Buffer.from(`${BODY}&x=1`) })).rejects.toMatchObject(MISMATCH);
  });

  it("the body with x-amz-content-sha256 recomputed to match it", async () => {
    const body = Buffer.from(`${BODY}&x=1`);
    const { createHash } = await import("node:crypto");
    const sha = createHash("sha256").update(body).digest("hex");
    await expect(verify(withHeaders({ ...base, body }, { "x-amz-content-sha256": sha }))).rejects.toMatchObject(
      MISMATCH,
    );
  });

  it("a different secret", async () => {
    const req = await sign({ secretAccessKey: `${SESSION_KEY.secretAccessKey.slice(0, -1)}X` });
    await expect(verify(req)).rejects.toMatchObject(MISMATCH);
  });

  it("a swapped session token the lookup accepts (the token is a signed header)", async () => {
    const anyToken: CredentialLookup = async (key) => (key === SESSION_KEY.accessKeyId ? SESSION_KEY : undefined);
    await expect(
      verify(withHeaders(base, { "x-amz-security-token": "another-token" }), anyToken),
    ).rejects.toMatchObject(MISMATCH);
    await expect(verify(withHeaders(base, { "x-amz-security-token": undefined }), anyToken)).rejects.toMatchObject(
      MISMATCH,
    );
  });

  it("a request signed for one region and presented with another's scope", async () => {
    const req = await sign({ region: "ap-south-1" });
    await expect(verify(editAuthorization(req, "/ap-south-1/", "/us-east-1/"))).rejects.toMatchObject(MISMATCH);
  });
});

describe("tampering refused with other errors", () => {
  it("the body under a signed x-amz-content-sha256: content hash mismatch", async () => {
    await expect(verify({ ...base, body: Buffer.from(`${BODY}&x=1`) })).rejects.toMatchObject({
      code: "InvalidSignatureException",
      message: CONTENT_SHA256_MISMATCH,
    });
  });

  it("UNSIGNED-PAYLOAD is not accepted", async () => {
    await expect(verify(withHeaders(base, { "x-amz-content-sha256": "UNSIGNED-PAYLOAD" }))).rejects.toMatchObject({
      code: "InvalidSignatureException",
      message: CONTENT_SHA256_MISMATCH,
    });
  });

  it("the scope's service", async () => {
    await expect(verify(editAuthorization(base, "/sts/", "/iam/"))).rejects.toMatchObject({
      code: "InvalidSignatureException",
      message: "Credential should be scoped to correct service: 'sts'. ",
    });
    const forIam = await sign({ service: "iam" });
    await expect(verify(forIam)).rejects.toMatchObject({
      message: "Credential should be scoped to correct service: 'sts'. ",
    });
    await expect(verify(forIam, fixtureLookup, "iam")).resolves.toEqual(SESSION_KEY.principal);
  });

  it("the scope's terminator", async () => {
    await expect(verify(editAuthorization(base, "/aws4_request", "/aws4_requesx"))).rejects.toMatchObject({
      code: "InvalidSignatureException",
      message: "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws4_requesx'. ",
    });
  });

  it("x-amz-date moved to another day than the scope's", async () => {
    const late = Date.UTC(2026, 10, 26, 23, 58, 0);
    const req = await sign({ signingDate: new Date(late) });
    const moved = withHeaders(req, { "x-amz-date": "20261127T000100Z" });
    await expect(
      verifySigV4(moved, { service: "sts", lookup: fixtureLookup, clock: new ManualClock(late) }),
    ).rejects.toMatchObject({
      code: "InvalidSignatureException",
      message:
        "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20261126' != '20261127', from '20261127T000100Z'.",
    });
  });

  it("an unknown access key id", async () => {
    await expect(
      verify(editAuthorization(base, SESSION_KEY.accessKeyId, "ASIAUNKNOWNKEY000000")),
    ).rejects.toMatchObject({
      code: "UnrecognizedClientException",
      queryCode: "InvalidClientTokenId",
      message: "The security token included in the request is invalid.",
    });
  });

  it("a session token the lookup does not recognise, or none", async () => {
    const unrecognised = {
      code: "UnrecognizedClientException",
      message: "The security token included in the request is invalid.",
    };
    await expect(verify(withHeaders(base, { "x-amz-security-token": "forged" }))).rejects.toMatchObject(unrecognised);
    await expect(verify(withHeaders(base, { "x-amz-security-token": undefined }))).rejects.toMatchObject(unrecognised);
  });

  it("an expired session token: the lookup's ExpiredToken passes through", async () => {
    await expect(verify(withHeaders(base, { "x-amz-security-token": EXPIRED_SESSION_TOKEN }))).rejects.toMatchObject({
      code: "ExpiredTokenException",
      message: "The security token included in the request is expired",
    });
  });
});
