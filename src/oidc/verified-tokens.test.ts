import { generateKeyPair } from "jose";
import { describe, expect, it } from "vitest";
import { VerifiedTokens } from "./verified-tokens.js";

describe("VerifiedTokens", () => {
  it("answers only for the same token, with the key and the parts it was remembered with", async () => {
    const { publicKey } = await generateKeyPair("RS256");
    const seen = new VerifiedTokens();
    const digest = seen.digestOf("a.b.c");
    expect(seen.get(digest)).toBeUndefined();
    seen.remember(digest, publicKey, { header: { alg: "RS256" }, claims: { sub: "s", aud: ["x"] } });
    expect(seen.get(seen.digestOf("a.b.c"))).toMatchObject({ key: publicKey, decoded: { claims: { sub: "s" } } });
    expect(seen.get(seen.digestOf("a.b.d"))).toBeUndefined();
    seen.clear();
    expect(seen.get(digest)).toBeUndefined();
  });

  it("freezes the remembered parts at every depth: later calls share them", async () => {
    const { publicKey } = await generateKeyPair("RS256");
    const seen = new VerifiedTokens();
    const digest = seen.digestOf("t");
    seen.remember(digest, publicKey, { header: { alg: "RS256" }, claims: { aud: ["x"], address: { country: "FR" } } });
    const claims = seen.get(digest)?.decoded.claims as { aud: string[]; address: { country: string } };
    expect(Object.isFrozen(claims) && Object.isFrozen(claims.aud) && Object.isFrozen(claims.address)).toBe(true);
    expect(() => claims.aud.push("y")).toThrow(TypeError);
  });
});
