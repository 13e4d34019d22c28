import { describe, expect, it } from "vitest";
import { decodeUnverified, MAX_TOKEN_LENGTH } from "./decode.js";

const b64 = (value: unknown) =>
  Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");
const token = (header: unknown, payload: unknown, signature = "c2ln") => `${b64(header)}.${b64(payload)}.${signature}`;

function reasonAndDetail(value: string): [string, string] {
  const outcome = decodeUnverified(value);
  return outcome.ok ? ["ok", ""] : [outcome.rejection.reason, outcome.rejection.detail];
}

describe("decodeUnverified", () => {
  it("returns header and claims of a compact JWS", () => {
    expect(decodeUnverified(token({ alg: "RS256", kid: "k" }, { sub: "s", n: 1 }))).toEqual({
      ok: true,
      header: { alg: "RS256", kid: "k" },
      claims: { sub: "s", n: 1 },
    });
  });

  it("refuses anything but three parts, and names a JWE", () => {
    expect(reasonAndDetail("a.b")).toEqual(["malformed", "a compact JWS has 3 dot-separated parts, found 2 part(s)"]);
    expect(reasonAndDetail("a.b.c.d.e")[1]).toContain("JWE");
  });

  it("is strict about base64url", () => {
    expect(reasonAndDetail(`${b64({ alg: "RS256" })}+.${b64({})}.x`)).toEqual([
      "malformed",
      "the header is not base64url",
    ]);
    expect(reasonAndDetail(`${b64({ alg: "RS256" })}.${b64({})}.x/y`)).toEqual([
      "malformed",
      "the signature is not base64url",
    ]);
    expect(reasonAndDetail(`${b64({ alg: "RS256" })}.A.x`)).toEqual(["malformed", "the payload is not base64url"]);
    expect(reasonAndDetail(`.${b64({})}.x`)).toEqual(["malformed", "the header is not base64url"]);
  });

  it("wants JSON objects, in UTF-8", () => {
    expect(reasonAndDetail(token({ alg: "RS256" }, "not json"))).toEqual([
      "malformed",
      "the payload is not UTF-8 JSON",
    ]);
    expect(reasonAndDetail(token([1], {}))[1]).toBe("the header is JSON but not an object (found [1])");
    expect(reasonAndDetail(token({ alg: "RS256" }, null))[1]).toBe(
      "the payload is JSON but not an object (found null)",
    );
    const latin1 = Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x3a, 0x31, 0x7d]).toString("base64url"); // {"é":1} in Latin-1
    expect(reasonAndDetail(`${b64({ alg: "RS256" })}.${latin1}.x`)).toEqual([
      "malformed",
      "the payload is not UTF-8 JSON",
    ]);
  });

  it("refuses duplicate member names, at any depth, in the header and in the payload", () => {
    const dup = (name: string) => `member name ${name} twice (duplicates are refused, not last-wins)`;
    const header = b64({ alg: "RS256" });
    const raw = (payload: string) => reasonAndDetail(`${header}.${b64(payload)}.x`);
    expect(raw('{"iss":"https://evil.example","sub":"s","iss":"https://idp.example"}')).toEqual([
      "malformed",
      `the payload has the ${dup('"iss"')}`,
    ]);
    expect(reasonAndDetail(`${b64('{"alg":"none","alg":"RS256"}')}.${b64({})}.x`)).toEqual([
      "malformed",
      `the header has the ${dup('"alg"')}`,
    ]);
    expect(raw('{"address":{"country":"x","country":"y"}}')[1]).toBe(`the payload has the ${dup('"country"')}`);
    expect(raw('{"groups":[1,{"a":[],"a":{}}]}')[1]).toBe(`the payload has the ${dup('"a"')}`);
    expect(raw('{"iss":1,"\\u0069ss":2}')[1]).toBe(`the payload has the ${dup('"iss"')}`); // an escape is the same name
    // The same name in different objects, names as values, and quotes and braces inside strings are fine.
    expect(raw('{"a":{"a":1},"b":[{"a":1},{"a":2}],"c":"a","d":"a"}')[0]).toBe("ok");
    expect(raw('{"x":"{\\"x\\":1,\\"x\\":2}","y":"\\\\","z":{}}')[0]).toBe("ok");
    expect(raw('{"a":{},"b":[{}],"c":[]}')[0]).toBe("ok");
  });

  it("refuses a byte-order mark before the JSON (RFC 8259 §8.1: senders must not add one)", () => {
    const bom = (json: string) =>
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)]).toString("base64url");
    expect(reasonAndDetail(`${b64({ alg: "RS256" })}.${bom('{"sub":"s"}')}.x`)).toEqual([
      "malformed",
      "the payload starts with a byte-order mark",
    ]);
    expect(reasonAndDetail(`${bom('{"alg":"RS256"}')}.${b64({})}.x`)[1]).toBe(
      "the header starts with a byte-order mark",
    );
  });

  it("refuses tokens over the limit before looking inside", () => {
    expect(reasonAndDetail("x".repeat(MAX_TOKEN_LENGTH + 1))).toEqual([
      "token_too_large",
      "50001 characters, limit 50000",
    ]);
    expect(reasonAndDetail("x".repeat(MAX_TOKEN_LENGTH))[0]).toBe("malformed");
  });

  it("does not mistake a payload shaped like a rejection for one", () => {
    const outcome = decodeUnverified(token({ alg: "RS256" }, { reason: "x", detail: "y" }));
    expect(outcome.ok && outcome.claims).toEqual({ reason: "x", detail: "y" });
  });
});
