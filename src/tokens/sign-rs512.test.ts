import { KeyObject } from "node:crypto";
import { compactVerify, decodeProtectedHeader, generateKeyPair, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { signRs512 } from "./sign-rs512.js";

describe("signRs512", () => {
  it("makes a compact JWS that jose verifies as RS512, with the header and claims given", async () => {
    const { privateKey, publicKey } = await generateKeyPair("RS512", { modulusLength: 2048 });
    const token = await signRs512(
      { kid: "k1", typ: "JWS", alg: "RS512" },
      { sub: "us-east-1:abc", aud: "pool", iss: "https://idpool.example", iat: 1, exp: 4102444800, amr: ["x"] },
      KeyObject.from(privateKey),
    );
    expect(decodeProtectedHeader(token)).toEqual({ kid: "k1", typ: "JWS", alg: "RS512" });
    const { payload } = await jwtVerify(token, publicKey, { algorithms: ["RS512"], issuer: "https://idpool.example" });
    expect(payload).toMatchObject({ sub: "us-east-1:abc", aud: "pool", amr: ["x"] });
  });

  it("is refused by another key and when a byte of the payload changes", async () => {
    const signer = await generateKeyPair("RS512", { modulusLength: 2048 });
    const other = await generateKeyPair("RS512", { modulusLength: 2048 });
    const token = await signRs512({ alg: "RS512" }, { sub: "a" }, KeyObject.from(signer.privateKey));
    await expect(compactVerify(token, other.publicKey)).rejects.toThrow(/signature verification failed/);
    const [h, , s] = token.split(".");
    const forged = `${h}.${Buffer.from('{"sub":"b"}').toString("base64url")}.${s}`;
    await expect(compactVerify(forged, signer.publicKey)).rejects.toThrow(/signature verification failed/);
  });
});
