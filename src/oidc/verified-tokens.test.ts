import { generateKeyPair } from "jose";
import { describe, expect, it } from "vitest";
import { VerifiedTokens } from "./verified-tokens.js";

const parts = () => ({ header: { alg: "RS256" }, claims: { sub: "s", aud: ["x"], address: { country: "FR" } } });

describe("VerifiedTokens", () => {
  it("answers only for the same token, with the key and the parts it was remembered with", async () => {
    const { publicKey } = await generateKeyPair("RS256");
    const seen = new VerifiedTokens();
    const digest = seen.digestOf("a.b.c");
    expect(seen.get(digest)).toBeUndefined();
    seen.remember(digest, publicKey, parts(), 5);
    expect(seen.get(seen.digestOf("a.b.c"))).toMatchObject({ key: publicKey, decoded: { claims: { sub: "s" } } });
    expect(seen.get(seen.digestOf("a.b.d"))).toBeUndefined();
    seen.clear();
    expect(seen.get(digest)).toBeUndefined();
  });

  it("freezes the remembered parts at every depth: later calls share them", async () => {
    const { publicKey } = await generateKeyPair("RS256");
    const seen = new VerifiedTokens();
    const digest = seen.digestOf("t");
    seen.remember(digest, publicKey, parts(), 1);
    const claims = seen.get(digest)?.decoded?.claims as { aud: string[]; address: { country: string } };
    expect(Object.isFrozen(claims) && Object.isFrozen(claims.aud) && Object.isFrozen(claims.address)).toBe(true);
    expect(() => claims.aud.push("y")).toThrow(TypeError);
  });

  it("keeps parts for at most 4 Mi characters of tokens, and a replaced or cleared entry gives its share back", async () => {
    const { publicKey } = await generateKeyPair("RS256");
    const seen = new VerifiedTokens();
    const [big, small] = [seen.digestOf("big"), seen.digestOf("small")];
    seen.remember(big, publicKey, parts(), 4 * 1024 * 1024);
    seen.remember(small, publicKey, parts(), 1);
    // Over the budget: remembered with its key, decoded again on every call.
    expect(seen.get(small)).toMatchObject({ key: publicKey, decoded: undefined });
    seen.remember(big, publicKey, parts(), 10);
    seen.remember(small, publicKey, parts(), 1);
    expect(seen.get(small)?.decoded).toBeDefined();
    seen.clear();
    seen.remember(big, publicKey, parts(), 4 * 1024 * 1024);
    expect(seen.get(big)?.decoded).toBeDefined();
  });
});
