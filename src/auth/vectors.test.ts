import { describe, expect, it } from "vitest";
import { ManualClock } from "../shared/index.js";
import { verifySigV4 } from "./index.js";
import { deriveSigningKey, SigningKeyCache } from "./signing-key.js";
import type { CredentialLookup, SignedRequest } from "./types.js";

/**
 * AWS's published SigV4 test suite ("Signature Version 4 test suite", AWS General Reference):
 * credentials AKIDEXAMPLE, 2015-08-30T12:36:00Z, us-east-1, service "service". Each case is given
 * as the server receives it (path and query on the wire) with AWS's expected signature.
 */
const SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const clock = new ManualClock(Date.UTC(2015, 7, 30, 12, 36, 0));
const principal = {
  accessKeyId: "AKIDEXAMPLE",
  kind: "root",
  arn: "arn:aws:iam::111122223333:root",
  userId: "111122223333",
  accountId: "111122223333",
} as const;
const lookup: CredentialLookup = async (key) =>
  key === "AKIDEXAMPLE" ? { secretAccessKey: SECRET, principal } : undefined;

interface Vector {
  readonly name: string;
  readonly method: "GET" | "POST";
  readonly rawPath: string;
  readonly headers?: Record<string, string | string[]>;
  readonly body?: string;
  readonly signature: string;
}

const vectors: readonly Vector[] = [
  {
    name: "get-vanilla",
    method: "GET",
    rawPath: "/",
    signature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
  },
  {
    name: "post-vanilla",
    method: "POST",
    rawPath: "/",
    signature: "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b",
  },
  {
    name: "get-unreserved",
    method: "GET",
    rawPath: "/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
    signature: "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f",
  },
  {
    name: "get-utf8 (unencoded path)",
    method: "GET",
    rawPath: "/\u1234",
    signature: "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85",
  },
  {
    name: "get-vanilla-query-order-key-case",
    method: "GET",
    rawPath: "/?Param2=value2&Param1=value1",
    signature: "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500",
  },
  {
    name: "get-vanilla-utf8-query",
    method: "GET",
    rawPath: "/?%E1%88%B4=bar",
    signature: "2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04",
  },
  {
    name: "get-vanilla-query-unreserved",
    method: "GET",
    rawPath: `/?${"-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"}=${"-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"}`,
    signature: "9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197",
  },
  {
    name: "post-vanilla-query-nonunreserved",
    method: "POST",
    rawPath: "/?%40%23%24%25%5E=&%2B=%2F%2C%3F%3E%3C%60%22%3B%3A%5C%7C%5D%5B%7B%7D",
    signature: "66c82657c86e26fb25238d0e69f011edc4c6df5ae71119d7cb98ed9b87393c1e",
  },
  {
    name: "get-header-value-trim",
    method: "GET",
    rawPath: "/",
    headers: { "my-header1": "value1", "my-header2": '"a   b   c"' },
    signature: "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736",
  },
  {
    name: "get-header-key-duplicate (repeated header)",
    method: "GET",
    rawPath: "/",
    headers: { "my-header1": ["value2", "value2", "value1"] },
    signature: "c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea",
  },
  {
    name: "post-header-value-case",
    method: "POST",
    rawPath: "/",
    headers: { "my-header1": "VALUE1" },
    signature: "cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d",
  },
  {
    name: "post-x-www-form-urlencoded",
    method: "POST",
    rawPath: "/",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "Param1=value1",
    signature: "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a",
  },
  {
    name: "post-sts-header-before (session token signed)",
    method: "POST",
    rawPath: "/",
    headers: {
      "x-amz-security-token":
        "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==",
    },
    signature: "85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead",
  },
];

function toRequest(v: Vector, signature: string): SignedRequest {
  const headers: Record<string, string | string[]> = {
    host: "example.amazonaws.com",
    "x-amz-date": "20150830T123600Z",
    ...v.headers,
  };
  const signed = Object.keys(headers).sort().join(";");
  headers.authorization = `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=${signed}, Signature=${signature}`;
  return { method: v.method, rawPath: v.rawPath, headers, body: Buffer.from(v.body ?? "") };
}

describe("AWS SigV4 test suite vectors", () => {
  for (const v of vectors) {
    it(`accepts ${v.name}`, async () => {
      await expect(verifySigV4(toRequest(v, v.signature), { service: "service", lookup, clock })).resolves.toBe(
        principal,
      );
    });
    it(`refuses ${v.name} with one signature digit changed`, async () => {
      const flipped = `${v.signature.slice(0, 63)}${v.signature.endsWith("0") ? "1" : "0"}`;
      await expect(verifySigV4(toRequest(v, flipped), { service: "service", lookup, clock })).rejects.toMatchObject({
        code: "InvalidSignatureException",
      });
    });
  }
});

describe("the 2011 edition of the suite (Date header, no X-Amz-Date)", () => {
  // AWS's earlier suite signs with `Date: Mon, 09 Sep 2011 23:36:00 GMT`, service "host": the
  // string to sign then carries the ISO 8601 basic form of that date (20110909T233600Z).
  const at = new ManualClock(Date.UTC(2011, 8, 9, 23, 36, 0));
  const request = (rawPath: string): SignedRequest => ({
    method: "GET",
    rawPath,
    headers: {
      host: "host.foo.com",
      date: "Mon, 09 Sep 2011 23:36:00 GMT",
      authorization:
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20110909/us-east-1/host/aws4_request, SignedHeaders=date;host, Signature=b27ccfbfa7df52a200ff74193ca6e32d4b48b8856fab7ebf1c595d0670a7e470",
    },
    body: Buffer.alloc(0),
  });

  it("accepts get-vanilla", async () => {
    await expect(verifySigV4(request("/"), { service: "host", lookup, clock: at })).resolves.toBe(principal);
  });

  it("accepts get-relative (/foo/.. normalises to /)", async () => {
    await expect(verifySigV4(request("/foo/.."), { service: "host", lookup, clock: at })).resolves.toBe(principal);
  });

  it("refuses it when the path differs", async () => {
    await expect(verifySigV4(request("/foo"), { service: "host", lookup, clock: at })).rejects.toMatchObject({
      code: "InvalidSignatureException",
    });
  });
});

describe("signing key derivation", () => {
  it('matches the AWS docs example ("Derive a signing key", 20120215/us-east-1/iam)', () => {
    const key = deriveSigningKey(SECRET, "20120215", "us-east-1", "iam");
    expect(key.toString("hex")).toBe("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
  });

  it("caches per secret/date/region/service and evicts the oldest entry past its bound", () => {
    const cache = new SigningKeyCache(2);
    const first = cache.get(SECRET, "20120215", "us-east-1", "iam");
    expect(cache.get(SECRET, "20120215", "us-east-1", "iam")).toBe(first);
    const other = cache.get(SECRET, "20120215", "eu-west-1", "iam");
    expect(other.equals(first)).toBe(false);
    cache.get(SECRET, "20120215", "us-east-1", "sts");
    expect(cache.size).toBe(2);
    // The first entry was evicted: a fresh (equal, not identical) key comes back.
    const again = cache.get(SECRET, "20120215", "us-east-1", "iam");
    expect(again).not.toBe(first);
    expect(again.equals(first)).toBe(true);
  });

  it("refuses a non-positive bound", () => {
    expect(() => new SigningKeyCache(0)).toThrow("maxEntries must be a positive integer");
  });
});
