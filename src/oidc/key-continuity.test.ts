import { exportJWK, generateKeyPair, type JWK } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import type { FetchedKeySet } from "./discovery.js";
import { discontinuities, type KeySnapshot, sameKids, snapshotOf } from "./key-continuity.js";
import type { ChainAnchor } from "./tls-trust.js";

const CA_A: ChainAnchor = { id: "sha256:AA", name: "CN=A" };
const CA_B: ChainAnchor = { id: "sha256:BB", name: "CN=B" };

function keySet(keys: JWK[], anchor?: ChainAnchor): FetchedKeySet {
  const jwks = anchor && { ok: true as const, via: "thumbprint" as const, chainThumbprints: [], anchor };
  return {
    jwks: { keys },
    jwksUri: "https://idp.example/jwks",
    maxAgeSeconds: undefined,
    tls: { discovery: undefined, jwks },
  };
}

describe("key-continuity comparison", () => {
  const keys: JWK[] = [];
  let snap: (kids: [number, string][], anchor?: ChainAnchor) => Promise<KeySnapshot>;
  beforeAll(async () => {
    for (let i = 0; i < 3; i++) keys.push(await exportJWK((await generateKeyPair("RS256")).publicKey));
    // [key index, kid]: the same key may be published under another kid, and a kid over another key.
    snap = (list, anchor) =>
      snapshotOf(
        keySet(
          list.map(([i, kid]) => ({ ...keys[i], kid })),
          anchor,
        ),
      );
  });

  it("sees no break in a rotation: one key of the previous set survives", async () => {
    const before = await snap([[0, "a"]]);
    expect(
      discontinuities(
        before,
        await snap([
          [1, "b"],
          [0, "a"],
        ]),
      ),
    ).toEqual([]);
    expect(
      discontinuities(
        await snap([
          [1, "b"],
          [0, "a"],
        ]),
        await snap([[1, "b"]]),
      ),
    ).toEqual([]);
  });

  it("reports a set of which no key was in the previous one", async () => {
    expect(
      discontinuities(
        await snap([
          [0, "a"],
          [1, "b"],
        ]),
        await snap([[2, "c"]]),
      ),
    ).toEqual(["key_set_replaced"]);
  });

  it("knows keys by their material (RFC 7638), not by their kids", async () => {
    expect(discontinuities(await snap([[0, "a"]]), await snap([[1, "a"]]))).toEqual(["key_set_replaced"]);
    expect(discontinuities(await snap([[0, "a"]]), await snap([[0, "renamed"]]))).toEqual([]);
  });

  it("says nothing about an empty set, before or after", async () => {
    expect(discontinuities(await snap([]), await snap([[0, "a"]]))).toEqual([]);
    expect(discontinuities(await snap([[0, "a"]]), await snap([]))).toEqual([]);
  });

  it("reports keys served under another CA, and compares CAs only when both fetches know one", async () => {
    expect(discontinuities(await snap([[0, "a"]], CA_A), await snap([[0, "a"]], CA_B))).toEqual(["tls_issuer_changed"]);
    expect(discontinuities(await snap([[0, "a"]], CA_A), await snap([[1, "b"]], CA_B))).toEqual([
      "key_set_replaced",
      "tls_issuer_changed",
    ]);
    expect(discontinuities(await snap([[0, "a"]], CA_A), await snap([[0, "a"]], CA_A))).toEqual([]);
    expect(discontinuities(await snap([[0, "a"]]), await snap([[0, "a"]], CA_B))).toEqual([]);
  });

  it("names a set by its keys: same digest whatever the order, sorted kids", async () => {
    const one = await snap([
      [0, "a"],
      [1, "b"],
    ]);
    const two = await snap([
      [1, "b"],
      [0, "a"],
    ]);
    expect([one.digest, one.kids]).toEqual([two.digest, ["a", "b"]]);
    expect(one.digest).toMatch(/^[0-9a-f]{64}$/);
    expect((await snapshotOf(keySet([{ kty: "oct", k: "x" }, { kty: "weird" }]))).kids).toEqual([
      "(no kid)",
      "(no kid)",
    ]);
  });

  it("compares kid lists as sets", () => {
    expect(sameKids(["b", "a"], ["a", "b"])).toBe(true);
    expect(sameKids(["a"], ["a", "b"])).toBe(false);
  });
});
