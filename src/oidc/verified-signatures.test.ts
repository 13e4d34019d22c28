import { generateKeyPair } from "jose";
import { describe, expect, it } from "vitest";
import { VerifiedSignatures } from "./verified-signatures.js";

describe("VerifiedSignatures", () => {
  it("answers only for the same token and the very same key object", async () => {
    const { publicKey } = await generateKeyPair("RS256");
    const { publicKey: other } = await generateKeyPair("RS256");
    const seen = new VerifiedSignatures();
    expect(seen.has("a.b.c", publicKey)).toBe(false);
    seen.remember("a.b.c", publicKey);
    expect(seen.has("a.b.c", publicKey)).toBe(true);
    expect(seen.has("a.b.c", other)).toBe(false);
    expect(seen.has("a.b.d", publicKey)).toBe(false);
    seen.clear();
    expect(seen.has("a.b.c", publicKey)).toBe(false);
  });
});
