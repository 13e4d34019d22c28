import { CompactSign, type CryptoKey, exportJWK, generateKeyPair, importJWK } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { verifySignature } from "./signature.js";

/** RS256/384/512 through node:crypto must decide exactly as jose's compactVerify would. */
type Keys = Awaited<ReturnType<typeof generateKeyPair>>;
let rs256: Keys;
let small: Keys;
let ps256: Keys;

const sign = (keys: Keys, alg: string, payload = { sub: "alice" }) =>
  new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg, kid: "k" })
    .sign(keys.privateKey);

beforeAll(async () => {
  rs256 = await generateKeyPair("RS256", { extractable: true });
  // jose refuses to make (or sign with) a key under 2,048 bits: WebCrypto makes one.
  small = (await crypto.subtle.generateKey(
    { name: "RSASSA-PKCS1-v1_5", modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
    true,
    ["sign", "verify"],
  )) as Keys;
  ps256 = await generateKeyPair("PS256");
});

describe("verifySignature", () => {
  it("accepts a good RS256 signature and refuses one over other content", async () => {
    const token = await sign(rs256, "RS256");
    expect(await verifySignature(token, rs256.publicKey, "RS256")).toBeUndefined();
    const [h, , s] = token.split(".");
    const forged = `${h}.${Buffer.from('{"sub":"mallory"}').toString("base64url")}.${s}`;
    expect(await verifySignature(forged, rs256.publicKey, "RS256")).toEqual({
      reason: "bad_signature",
      detail: "the signature does not verify with the provider's key",
    });
  });

  it("refuses a signature in a non-canonical base64url spelling, and a token of other than three parts", async () => {
    const token = await sign(rs256, "RS256");
    expect((await verifySignature(`${token}=`, rs256.publicKey, "RS256"))?.reason).toBe("malformed");
    expect((await verifySignature(`${token}.x`, rs256.publicKey, "RS256"))?.reason).toBe("malformed");
  });

  it("refuses a key imported for another hash, and an RSA key under 2,048 bits, as jose does (no_matching_key)", async () => {
    const jwk = await exportJWK(rs256.publicKey);
    const forRs512 = await importJWK({ ...jwk, alg: "RS512" }, "RS512");
    const token = await sign(rs256, "RS256");
    expect((await verifySignature(token, forRs512 as CryptoKey, "RS256"))?.reason).toBe("no_matching_key");
    const input = `${Buffer.from('{"alg":"RS256"}').toString("base64url")}.${Buffer.from("{}").toString("base64url")}`;
    const mac = await crypto.subtle.sign("RSASSA-PKCS1-v1_5", small.privateKey, Buffer.from(input));
    const weak = `${input}.${Buffer.from(mac).toString("base64url")}`;
    expect((await verifySignature(weak, small.publicKey, "RS256"))?.reason).toBe("no_matching_key");
  });

  it("leaves other algorithms to jose", async () => {
    const token = await sign(ps256, "PS256");
    expect(await verifySignature(token, ps256.publicKey, "PS256")).toBeUndefined();
    expect((await verifySignature(token, rs256.publicKey, "PS256"))?.reason).toBe("no_matching_key");
  });
});
