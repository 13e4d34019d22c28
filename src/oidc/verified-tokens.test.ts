import { generateKeyPair } from "jose";
import { describe, expect, it } from "vitest";
import { VerifiedTokens } from "./verified-tokens.js";

const parts = () => ({ header: { alg: "RS256" }, claims: { sub: "s", aud: ["x"], address: { country: "FR" } } });

describe("VerifiedTokens", () => {
  it("answers only for the same token: its key, then from its second use its parts", async () => {
    const { publicKey } = await generateKeyPair("RS256");
    const seen = new VerifiedTokens();
    const digest = seen.digestOf("a.b.c");
    expect(seen.get(digest)).toBeUndefined();
    seen.remember(digest, publicKey);
    expect(seen.get(seen.digestOf("a.b.c"))).toEqual({ key: publicKey, decoded: undefined, partsCharacters: 0 });
    seen.keepParts(digest, parts(), 5);
    expect(seen.get(digest)).toMatchObject({ key: publicKey, decoded: { claims: { sub: "s" } } });
    expect(seen.get(seen.digestOf("a.b.d"))).toBeUndefined();
    // Parts only for a token remembered with its key.
    seen.keepParts(seen.digestOf("a.b.d"), parts(), 5);
    expect(seen.get(seen.digestOf("a.b.d"))).toBeUndefined();
    seen.clear();
    expect(seen.get(digest)).toBeUndefined();
  });

  it("freezes the kept parts at every depth: later calls share them", async () => {
    const { publicKey } = await generateKeyPair("RS256");
    const seen = new VerifiedTokens();
    const digest = seen.digestOf("t");
    seen.remember(digest, publicKey);
    seen.keepParts(digest, parts(), 1);
    const claims = seen.get(digest)?.decoded?.claims as { aud: string[]; address: { country: string } };
    expect(Object.isFrozen(claims) && Object.isFrozen(claims.aud) && Object.isFrozen(claims.address)).toBe(true);
    expect(() => claims.aud.push("y")).toThrow(TypeError);
  });

  it("keeps parts for at most 4 Mi characters of tokens; a token verified again or cleared gives its share back", async () => {
    const { publicKey } = await generateKeyPair("RS256");
    const seen = new VerifiedTokens();
    const [big, small] = [seen.digestOf("big"), seen.digestOf("small")];
    const twice = (digest: string, length: number) => {
      seen.remember(digest, publicKey);
      seen.keepParts(digest, parts(), length);
    };
    twice(big, 4 * 1024 * 1024);
    twice(small, 1);
    // Over the budget: remembered with its key, decoded again on every call.
    expect(seen.get(small)).toMatchObject({ key: publicKey, decoded: undefined });
    twice(big, 10);
    twice(small, 1);
    expect(seen.get(small)?.decoded).toBeDefined();
    seen.clear();
    twice(big, 4 * 1024 * 1024);
    expect(seen.get(big)?.decoded).toBeDefined();
  });

  it("past 10,000 tokens forgets the oldest first, and an evicted token gives its parts' share back", async () => {
    const { publicKey } = await generateKeyPair("RS256");
    const seen = new VerifiedTokens();
    const digests = Array.from({ length: 10_001 }, (_, i) => seen.digestOf(`t${i}`));
    seen.remember(digests[0] ?? "", publicKey);
    seen.keepParts(digests[0] ?? "", parts(), 4 * 1024 * 1024);
    for (const digest of digests.slice(1, 10_000)) seen.remember(digest, publicKey);
    // Verified again: the newest now, so the next one to go is t2, not t1.
    seen.remember(digests[1] ?? "", publicKey);
    seen.remember(digests[10_000] ?? "", publicKey);
    expect(seen.get(digests[0] ?? "")).toBeUndefined();
    expect(seen.get(digests[1] ?? "")).toBeDefined();
    seen.remember(seen.digestOf("one more"), publicKey);
    expect(seen.get(digests[2] ?? "")).toBeUndefined();
    expect(seen.get(digests[1] ?? "")).toBeDefined();
    // t0's 4 Mi characters of parts went with it: there is room for another token's.
    const last = digests[10_000] ?? "";
    seen.keepParts(last, parts(), 4 * 1024 * 1024);
    expect(seen.get(last)?.decoded).toBeDefined();
  });
});
