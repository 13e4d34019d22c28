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
