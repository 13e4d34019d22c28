import type { JWK } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_KEY_CACHE_LIMITS } from "./key-cache-limits.js";
import { cachedKeysOf, find } from "./key-lookup.js";
import { keySetOf, rsaJwk } from "./test-support.js";

describe("find", () => {
  let jwkA: JWK;
  let jwkB: JWK;
  beforeAll(async () => {
    jwkA = await rsaJwk("a");
    jwkB = await rsaJwk("b");
  });

  it("asks jose once per alg and kid of a set, and keeps nothing for a kid the set lacks", async () => {
    const keys = cachedKeysOf(keySetOf([jwkA, jwkB]), 0, DEFAULT_KEY_CACHE_LIMITS);
    let lookups = 0;
    const jose = keys.lookup;
    keys.lookup = (header) => {
      lookups += 1;
      return jose(header);
    };
    const first = await find(keys, { alg: "RS256", kid: "a" });
    const again = await find(keys, { alg: "RS256", kid: "a" });
    expect(first.kind).toBe("found");
    expect(again).toEqual(first);
    expect(lookups).toBe(1);
    const other = await find(keys, { alg: "RS256", kid: "b" });
    expect(other.kind === "found" && first.kind === "found" && other.key !== first.key).toBe(true);
    for (let i = 0; i < 3; i++) expect((await find(keys, { alg: "RS256", kid: `made-up-${i}` })).kind).toBe("unknown");
    // Two keys and no kid: jose finds several, and that answer is not kept either.
    expect((await find(keys, { alg: "RS256" })).kind).toBe("unusable");
    expect([...keys.found.keys()].sort()).toEqual(["RS256\na", "RS256\nb"]);
  });

  it("starts afresh for a set fetched again", async () => {
    const before = cachedKeysOf(keySetOf([jwkA]), 0, DEFAULT_KEY_CACHE_LIMITS);
    await find(before, { alg: "RS256", kid: "a" });
    const after = cachedKeysOf(keySetOf([jwkB]), 1, DEFAULT_KEY_CACHE_LIMITS);
    expect((await find(after, { alg: "RS256", kid: "a" })).kind).toBe("unknown");
    expect(after.found.size).toBe(0);
  });
});
