import { describe, expect, it } from "vitest";
import { decodeNextToken, encodeNextToken, isRegionalId } from "./paging.js";

const poolId = "us-east-1:00000000-0000-4000-8000-000000000001";

describe("NextToken", () => {
  it("round-trips a pool id through an opaque token", () => {
    const token = encodeNextToken(poolId);
    expect(token).not.toContain(poolId);
    expect(decodeNextToken(token, isRegionalId)).toBe(poolId);
  });

  it.each([
    ["garbage", "not-a-token!"],
    ["a token with characters outside base64url", `${encodeNextToken(poolId)}*`],
    ["the base64url of something that is no pool id", encodeNextToken("hello world")],
    ["a raw pool id", poolId],
  ])("refuses %s with InvalidParameterException", (_what, token) => {
    let caught: unknown;
    try {
      decodeNextToken(token, isRegionalId);
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: "InvalidParameterException", message: "The NextToken is not valid." });
  });
});
