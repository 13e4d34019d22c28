import { describe, expect, it } from "vitest";
import { checkOwnClaims } from "./own-token-claims.js";

const ISSUER = "http://127.0.0.1:4600";
const NOW = 1_800_000_000;
const good = { iss: ISSUER, sub: "us-east-1:identity", aud: "us-east-1:pool", iat: NOW - 10, exp: NOW + 600 };
const without = (claim: keyof typeof good) => Object.fromEntries(Object.entries(good).filter(([k]) => k !== claim));

describe("checkOwnClaims (jose's jwtVerify rules for idpool's own tokens)", () => {
  it("gives back the claims of a token within its lifetime", () => {
    expect(checkOwnClaims(good, ISSUER, NOW)).toEqual({ sub: good.sub, aud: good.aud, iat: good.iat, exp: good.exp });
    expect(checkOwnClaims({ ...good, aud: [good.aud] }, ISSUER, NOW)).toMatchObject({ aud: good.aud });
  });

  it("names the first missing claim in jose's order: iss, iat, exp, aud, sub", () => {
    expect(checkOwnClaims(without("iss"), ISSUER, NOW)).toEqual({
      reason: "issuer_mismatch",
      detail: 'claim iss failed: missing required "iss" claim',
    });
    expect(checkOwnClaims({ sub: "s", aud: "a", exp: NOW + 1 }, ISSUER, NOW)).toMatchObject({
      detail: expect.stringContaining('"iss"'),
    });
    const reasons = (["iat", "exp", "aud", "sub"] as const).map((c) => checkOwnClaims(without(c), ISSUER, NOW));
    expect(reasons.map((r) => ("reason" in r ? r.reason : "accepted"))).toEqual([
      "issued_in_future",
      "missing_exp",
      "missing_aud",
      "missing_sub",
    ]);
  });

  it("refuses another issuer, dates that are not numbers, and a token not yet valid", () => {
    expect(checkOwnClaims({ ...good, iss: "http://other:1" }, ISSUER, NOW)).toMatchObject({
      reason: "issuer_mismatch",
      detail: 'claim iss failed: unexpected "iss" claim value',
    });
    expect(checkOwnClaims({ ...good, iat: "1" as unknown as number }, ISSUER, NOW)).toMatchObject({
      reason: "issued_in_future",
    });
    expect(checkOwnClaims({ ...good, exp: "2" as unknown as number }, ISSUER, NOW)).toMatchObject({
      reason: "missing_exp",
    });
    expect(checkOwnClaims({ ...good, nbf: NOW + 1 }, ISSUER, NOW)).toMatchObject({ reason: "not_yet_valid" });
    expect(checkOwnClaims({ ...good, nbf: NOW }, ISSUER, NOW)).toMatchObject({ sub: good.sub });
  });

  it("takes a token as expired at its exp second, with no clock tolerance", () => {
    expect(checkOwnClaims({ ...good, exp: NOW + 1 }, ISSUER, NOW)).toMatchObject({ exp: NOW + 1 });
    expect(checkOwnClaims({ ...good, exp: NOW }, ISSUER, NOW)).toEqual({
      reason: "expired",
      detail: "token expired",
      nowEpochSeconds: NOW,
      expEpochSeconds: NOW,
    });
  });

  it("refuses a subject or an audience that is not one string", () => {
    expect(checkOwnClaims({ ...good, sub: 7 as unknown as string }, ISSUER, NOW)).toMatchObject({
      reason: "missing_sub",
    });
    expect(checkOwnClaims({ ...good, aud: [] }, ISSUER, NOW)).toMatchObject({ reason: "missing_aud" });
  });
});
