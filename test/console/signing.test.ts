/**
 * The console's signing code (console/src/signing.ts) in Node, whose WebCrypto is the browser's
 * API: the AWS SigV4 test suite's get-vanilla vector, agreement with node:crypto's SHA-256, and the
 * shape of an IdpoolService call.
 */
import { SignatureV4 } from "@smithy/signature-v4";
import { describe, expect, it } from "vitest";
import { ApiError, callIdpool, signRequest, WebCryptoSha256 } from "../../console/src/signing.js";
import { SmithySha256 } from "../../src/shared/index.js";

const VECTOR_CREDENTIALS = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const VECTOR_DATE = new Date("2015-08-30T12:36:00Z");
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

describe("console signing", () => {
  it("hashes and HMACs as node:crypto does, across several updates and after reset", async () => {
    const plain = new WebCryptoSha256();
    plain.update("ab");
    plain.update(new TextEncoder().encode("c"));
    expect(hex(await plain.digest())).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    plain.reset();
    expect(hex(await plain.digest())).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    const mac = new WebCryptoSha256("key");
    mac.update("The quick brown fox jumps over the lazy dog");
    expect(hex(await mac.digest())).toBe("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
  });

  it("signs the SigV4 test suite's get-vanilla request to its published signature", async () => {
    const headers = await signRequest({
      method: "GET",
      url: "https://example.amazonaws.com/",
      headers: {},
      region: "us-east-1",
      service: "service",
      credentials: VECTOR_CREDENTIALS,
      date: VECTOR_DATE,
    });
    expect(headers["x-amz-date"]).toBe("20150830T123600Z");
    expect(headers.authorization).toBe(
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
    );
  });

  it("signs a JSON POST exactly as smithy does with node:crypto", async () => {
    const body = JSON.stringify({ IdentityPoolId: "us-east-1:x" });
    const common = {
      "content-type": "application/x-amz-json-1.1",
      "x-amz-target": "IdpoolService.ListSigningKeys",
    };
    const mine = await signRequest({
      method: "POST",
      url: "http://127.0.0.1:4600/",
      headers: common,
      body,
      region: "eu-west-1",
      service: "idpool",
      credentials: VECTOR_CREDENTIALS,
      date: VECTOR_DATE,
    });
    const node = await new SignatureV4({
      service: "idpool",
      region: "eu-west-1",
      credentials: VECTOR_CREDENTIALS,
      sha256: SmithySha256,
      applyChecksum: false,
    }).sign(
      {
        method: "POST",
        protocol: "http:",
        hostname: "127.0.0.1",
        port: 4600,
        path: "/",
        query: {},
        headers: { host: "127.0.0.1:4600", ...common },
        body,
      },
      { signingDate: VECTOR_DATE },
    );
    expect(mine.authorization).toBe(node.headers.authorization);
    expect(mine.authorization).toContain("/eu-west-1/idpool/aws4_request");
    expect(mine.authorization).toContain("SignedHeaders=content-type;host;x-amz-date;x-amz-target");
  });

  it("calls an IdpoolService operation signed, without sending the secret, and reads the API's error", async () => {
    const sent: { url: string; init: RequestInit }[] = [];
    const answer = (status: number, json: unknown) => async (url: string | URL | Request, init?: RequestInit) => {
      sent.push({ url: String(url), init: init ?? {} });
      return new Response(JSON.stringify(json), { status, headers: { "content-type": "application/x-amz-json-1.1" } });
    };
    const target = { endpoint: "http://127.0.0.1:4600", region: "us-east-1", credentials: VECTOR_CREDENTIALS };
    const out = await callIdpool(target, "RotateSigningKey", {}, answer(200, { KeyId: "k2" }) as typeof fetch);
    expect(out).toEqual({ KeyId: "k2" });
    const { url, init } = sent[0]!;
    expect(url).toBe("http://127.0.0.1:4600/");
    const headers = init.headers as Record<string, string>;
    expect(headers["x-amz-target"]).toBe("IdpoolService.RotateSigningKey");
    expect(headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/idpool\/aws4_request/,
    );
    expect(headers.host).toBeUndefined();
    expect(JSON.stringify(init)).not.toContain(VECTOR_CREDENTIALS.secretAccessKey);

    const refused = callIdpool(
      target,
      "ListSigningKeys",
      {},
      answer(403, { __type: "com.amazonaws#AccessDeniedException", message: "root only" }) as typeof fetch,
    );
    await expect(refused).rejects.toBeInstanceOf(ApiError);
    await expect(refused).rejects.toMatchObject({
      code: "AccessDeniedException",
      name: "AccessDeniedException",
      message: "root only",
    });
  });
});
