import { describe, expect, it } from "vitest";
import { allowedAlgorithms, checkHeader } from "./header-rules.js";

const rsa = allowedAlgorithms(undefined);

describe("allowedAlgorithms", () => {
  it("defaults to RS256, RS384, RS512", () => {
    expect([...rsa]).toEqual(["RS256", "RS384", "RS512"]);
  });
  it("may add PS* and ES*, never none or HS*", () => {
    expect([...allowedAlgorithms(["RS256", "ES256", "PS512"])]).toEqual(["RS256", "ES256", "PS512"]);
    expect(() => allowedAlgorithms(["none"])).toThrow(/none cannot be allowed/);
    expect(() => allowedAlgorithms(["HS256"])).toThrow(/HS256 cannot be allowed/);
    expect(() => allowedAlgorithms([])).toThrow(/empty/);
  });
});

describe("checkHeader", () => {
  it("passes alg and kid on", () => {
    expect(checkHeader({ alg: "RS256", kid: "k1", typ: "JWT" }, rsa)).toEqual({
      ok: true,
      header: { alg: "RS256", kid: "k1" },
    });
    expect(checkHeader({ alg: "RS512" }, rsa)).toEqual({ ok: true, header: { alg: "RS512" } });
  });
  it("refuses algorithms off the list", () => {
    for (const alg of ["none", "HS256", "ES256", "PS256", "rs256"]) {
      const outcome = checkHeader({ alg }, rsa);
      expect(outcome.ok ? "" : outcome.rejection.reason).toBe("alg_not_allowed");
    }
    const outcome = checkHeader({ alg: "HS256" }, rsa);
    expect(outcome.ok ? "" : outcome.rejection.detail).toBe(
      'alg "HS256" is not allowed (allowed: RS256, RS384, RS512)',
    );
  });
  it("refuses a missing alg and a non-string kid as malformed", () => {
    const noAlg = checkHeader({ kid: "k" }, rsa);
    expect(noAlg.ok ? "" : noAlg.rejection.reason).toBe("malformed");
    const numericKid = checkHeader({ alg: "RS256", kid: 7 }, rsa);
    expect(numericKid.ok ? "" : numericKid.rejection.detail).toBe("kid is not a string (found 7)");
  });
  it("refuses any crit", () => {
    const outcome = checkHeader({ alg: "RS256", crit: ["b64"], b64: false }, rsa);
    expect(outcome.ok ? "" : outcome.rejection.reason).toBe("crit_unsupported");
  });
  it("ignores jwk, jku, x5u and x5c (they are never used)", () => {
    const header = { alg: "RS256", kid: "k", jwk: { kty: "RSA" }, jku: "https://x", x5u: "https://y", x5c: ["MII"] };
    expect(checkHeader(header, rsa)).toEqual({ ok: true, header: { alg: "RS256", kid: "k" } });
  });
});
