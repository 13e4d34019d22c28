import { getCanonicalQuery } from "@smithy/signature-v4";
import { describe, expect, it } from "vitest";
import { canonicalHeaders, canonicalHeaderValue, headerValue } from "./canonical-headers.js";
import { canonicalQuery } from "./canonical-query.js";
import { canonicalUri } from "./canonical-uri.js";
import { buildQueryString } from "./test-support.js";
import { canonicalQueryComponent, percentDecode, uriEncode } from "./uri-encode.js";

describe("uriEncode (RFC 3986, upper-case hex, unreserved kept)", () => {
  it("matches smithy's escapeUri (encodeURIComponent plus !'()*)", () => {
    const samples = ["abc-._~XYZ019", "a b", "!'()*", "/?#[]@$&+,;=:", "ünï ☃ 𝄞", "%", "%2F", "\u0000\u007f"];
    for (const s of samples) {
      const smithy = encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
      expect(uriEncode(s)).toBe(smithy);
    }
  });

  it("decodes percent-escapes to bytes, leaving '+' and stray '%' literal", () => {
    expect(Buffer.from(percentDecode("a%20b+c%2")).toString("latin1")).toBe("a b+c%2");
    expect(Buffer.from(percentDecode("%E2%9C%93%zz")).toString("utf8")).toBe("✓%zz");
  });

  it("re-encodes a query component to one canonical form whatever its wire encoding", () => {
    expect(canonicalQueryComponent("a%2fb")).toBe("a%2Fb");
    expect(canonicalQueryComponent("a/b")).toBe("a%2Fb");
    expect(canonicalQueryComponent("%7E%41")).toBe("~A");
    expect(canonicalQueryComponent("a+b")).toBe("a%2Bb");
    // Not valid UTF-8, still one canonical form (no URIError).
    expect(canonicalQueryComponent("%ff%FE")).toBe("%FF%FE");
  });
});

describe("canonicalUri (non-S3: normalised, each segment encoded once more)", () => {
  const cases: ReadonlyArray<readonly [string, string]> = [
    ["/", "/"],
    ["", ""],
    ["/a/b", "/a/b"],
    ["/a%20b/", "/a%2520b/"],
    ["/c%2Fd", "/c%252Fd"],
    ["/x:y@z!$'()*,;=", "/x%3Ay%40z%21%24%27%28%29%2A%2C%3B%3D"],
    ["/a/./b/../c", "/a/c"],
    ["/a//b", "/a/b"],
    ["/..", "/"],
    ["//", "/"],
    ["/ሴ", "/%E1%88%B4"],
  ];
  for (const [path, expected] of cases) {
    it(`${JSON.stringify(path)} → ${JSON.stringify(expected)}`, () => {
      expect(canonicalUri(path)).toBe(expected);
    });
  }
});

describe("canonicalQuery", () => {
  it("sorts by key, then value, and gives '=' to a valueless key", () => {
    expect(canonicalQuery("b=2&a=2&a=1&c&a-b=0")).toBe("a=1&a=2&a-b=0&b=2&c=");
    expect(canonicalQuery("")).toBe("");
    expect(canonicalQuery("&&a=1&")).toBe("a=1");
  });

  it("leaves X-Amz-Signature out, as smithy's signer does", () => {
    expect(canonicalQuery("X-Amz-Signature=abc&a=1")).toBe("a=1");
  });

  it("agrees with smithy's getCanonicalQuery on what the SDK's node handler puts on the wire", () => {
    const queries: ReadonlyArray<Record<string, string | string[]>> = [
      { Param2: "value2", Param1: "value1" },
      { "@#$%^": "", "+": '/,?><`";:\\|][{}' },
      { a: ["z", "b", "a b", "ü"], "a b": "1", A: "2", _: "~" },
      { é: "ñ", "𝄞": "☃", empty: "" },
    ];
    for (const query of queries) {
      expect(canonicalQuery(buildQueryString(query))).toBe(
        getCanonicalQuery({ method: "GET", protocol: "http:", hostname: "h", path: "/", headers: {}, query }),
      );
    }
  });
});

describe("canonical headers", () => {
  it("trims and collapses runs of spaces and tabs; CR/LF become spaces", () => {
    expect(canonicalHeaderValue("  a   b \t c  ")).toBe("a b c");
    expect(canonicalHeaderValue("a\r\n b")).toBe("a b");
    expect(canonicalHeaderValue("plain")).toBe("plain");
  });

  it("joins a repeated header's values with ','", () => {
    expect(headerValue({ x: [" a ", "b  c"] }, "x")).toBe("a,b c");
    expect(headerValue({ x: "v" }, "x")).toBe("v");
    expect(headerValue({}, "x")).toBeUndefined();
  });

  it("lists the signed headers in SignedHeaders order, or undefined when one is missing", () => {
    const headers = { host: "h", "x-amz-date": "20261126T134358Z", other: "not signed" };
    expect(canonicalHeaders(headers, ["host", "x-amz-date"])).toBe("host:h\nx-amz-date:20261126T134358Z\n");
    expect(canonicalHeaders(headers, ["host", "x-missing"])).toBeUndefined();
  });
});
