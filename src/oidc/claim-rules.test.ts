import { describe, expect, it } from "vitest";
import { checkAudience, checkIssuer, checkSubject, checkTimes } from "./claim-rules.js";

const NOW = 1_800_000_000;

describe("checkIssuer", () => {
  it("wants exactly the expected issuer", () => {
    expect(checkIssuer({ iss: "https://idp.example" }, "https://idp.example")).toBeUndefined();
    expect(checkIssuer({ iss: "https://idp.example/" }, "https://idp.example")).toEqual({
      reason: "issuer_mismatch",
      detail: 'expected iss "https://idp.example", found iss "https://idp.example/"',
    });
    expect(checkIssuer({ iss: "idp.example" }, "https://idp.example")?.reason).toBe("issuer_mismatch");
    expect(checkIssuer({}, "https://idp.example")?.detail).toBe('expected iss "https://idp.example", found no iss');
  });
});

describe("checkTimes", () => {
  it("requires a numeric exp", () => {
    expect(checkTimes({}, NOW)?.reason).toBe("missing_exp");
    expect(checkTimes({ exp: "1800000000" }, NOW)).toEqual({
      reason: "malformed",
      detail: 'exp is not a number (found "1800000000")',
    });
  });
  it("wants exp, nbf and iat to be integer NumericDates from 1970 to the year 3000", () => {
    const range = "an integer from 0 to 32503680000 (1970 to 3000-01-01T00:00:00Z)";
    expect(checkTimes({ exp: 1e300 }, NOW)).toEqual({ reason: "malformed", detail: `exp 1e+300 is not ${range}` });
    expect(checkTimes({ exp: 2 ** 53 + 1 }, NOW)?.detail).toBe(`exp 9007199254740992 is not ${range}`);
    expect(checkTimes({ exp: NOW + 0.5 }, NOW)?.detail).toBe(`exp ${NOW}.5 is not ${range}`);
    expect(checkTimes({ exp: 32_503_680_001 }, NOW)?.reason).toBe("malformed");
    expect(checkTimes({ exp: 32_503_680_000 }, NOW)).toBeUndefined();
    const exp = NOW + 3600;
    expect(checkTimes({ exp, nbf: -1 }, NOW)?.detail).toBe(`nbf -1 is not ${range}`);
    expect(checkTimes({ exp, nbf: 0, iat: 0 }, NOW)).toBeUndefined();
    expect(checkTimes({ exp, iat: 1.5 }, NOW)?.detail).toBe(`iat 1.5 is not ${range}`);
    expect(checkTimes({ exp, iat: String(NOW) }, NOW)?.detail).toBe(`iat is not a number (found "${NOW}")`);
  });
  it("gives exp 300 s of grace and reports now and exp", () => {
    expect(checkTimes({ exp: NOW - 299 }, NOW)).toBeUndefined();
    expect(checkTimes({ exp: NOW - 300 }, NOW)).toEqual({
      reason: "expired",
      detail: `exp ${NOW - 300} is 300 s before now ${NOW} (grace 300 s)`,
      nowEpochSeconds: NOW,
      expEpochSeconds: NOW - 300,
    });
  });
  it("gives nbf and iat 300 s of grace into the future", () => {
    const exp = NOW + 3600;
    expect(checkTimes({ exp, nbf: NOW + 300 }, NOW)).toBeUndefined();
    expect(checkTimes({ exp, nbf: NOW + 301 }, NOW)?.reason).toBe("not_yet_valid");
    expect(checkTimes({ exp, iat: NOW + 300 }, NOW)).toBeUndefined();
    expect(checkTimes({ exp, iat: NOW + 301 }, NOW)?.reason).toBe("issued_in_future");
    expect(checkTimes({ exp, iat: NOW - 86_400 * 365 }, NOW)).toBeUndefined(); // age is not a rule
    expect(checkTimes({ exp, iat: null }, NOW)?.reason).toBe("malformed");
  });
  it("honours another grace", () => {
    expect(checkTimes({ exp: NOW - 1 }, NOW, 0)?.reason).toBe("expired");
  });
});

describe("checkAudience", () => {
  const ids = ["client-a", "client-b"];
  it("accepts aud as a string or an array containing a client id", () => {
    expect(checkAudience({ aud: "client-b" }, ids)).toEqual({ ok: true, matchedClientId: "client-b" });
    expect(checkAudience({ aud: ["x", "client-a"] }, ids)).toEqual({ ok: true, matchedClientId: "client-a" });
  });
  it("refuses a missing aud, a foreign aud, and a broken aud", () => {
    const missing = checkAudience({ azp: "client-a" }, ids);
    expect(missing.ok ? "" : missing.rejection.reason).toBe("missing_aud");
    const foreign = checkAudience({ aud: ["x", "y"] }, ids);
    expect(foreign.ok ? "" : foreign.rejection.detail).toBe(
      'aud ["x","y"] contains no client id of the provider; registered client ids: "client-a", "client-b"',
    );
    const broken = checkAudience({ aud: [1] }, ids);
    expect(broken.ok ? "" : broken.rejection.reason).toBe("malformed");
  });
  it("lets azp decide when present", () => {
    expect(checkAudience({ aud: "other", azp: "client-b" }, ids)).toEqual({ ok: true, matchedClientId: "client-b" });
    const wrongAzp = checkAudience({ aud: "client-a", azp: "other" }, ids);
    expect(wrongAzp.ok ? "" : wrongAzp.rejection.reason).toBe("azp_mismatch");
  });
  it("refuses everything when the provider has no client ids", () => {
    const none = checkAudience({ aud: "client-a" }, []);
    expect(none.ok ? "" : none.rejection.detail).toContain("registered client ids: none");
  });
});

describe("checkSubject", () => {
  it("wants a non-empty string", () => {
    expect(checkSubject({ sub: "u" })).toBeUndefined();
    expect(checkSubject({})?.reason).toBe("missing_sub");
    expect(checkSubject({ sub: "" })?.reason).toBe("missing_sub");
    expect(checkSubject({ sub: 42 })?.detail).toBe("sub is not a non-empty string (found 42)");
  });
});
