import { createHmac, createPublicKey } from "node:crypto";
import { compactVerify, createLocalJWKSet, errors, jwtVerify } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { TEST_NOW_MS } from "../../test/support/unit.js";
import { BREAK_RULES, type BreakRule } from "./break-rules.js";
import { type Harness, harness, ISSUER, parts, publishedJwks, verifyAgainstJwks } from "./test-support.js";

const NOW_SECONDS = TEST_NOW_MS / 1000;
const CLIENT_IDS = ["dev-client"];

let h: Harness;
beforeAll(async () => {
  h = await harness();
});

const mint = (rule: BreakRule, extra: Record<string, unknown> = {}) =>
  h.providers.mint("dev", { sub: "alice", break: rule, ...extra });

/** The signature checked alone, against the JWKS, with no claim rules. */
async function signatureVerifies(token: string): Promise<boolean> {
  const keys = createLocalJWKSet(await publishedJwks(h.providers));
  return compactVerify(token, keys, { algorithms: ["RS256"] }).then(
    () => true,
    (error: unknown) => {
      if (error instanceof errors.JWSSignatureVerificationFailed) return false;
      throw error;
    },
  );
}

/** Each rule's defect, checked, and everything else about the token checked intact. */
const DEFECTS: Record<BreakRule, (token: string) => Promise<void>> = {
  async issuer(token) {
    const { payload } = parts(token);
    expect(payload.iss).not.toBe(ISSUER);
    expect(payload.iss).toBe(`${ISSUER}/wrong-issuer`);
    expect(await signatureVerifies(token)).toBe(true);
    await expect(verifyAgainstJwks(h, token)).rejects.toMatchObject({
      code: "ERR_JWT_CLAIM_VALIDATION_FAILED",
      claim: "iss",
    });
  },
  async signature(token) {
    const { header, payload } = parts(token);
    expect(header.kid).toBe((await publishedJwks(h.providers)).keys[0]?.kid);
    expect(payload.sub).toBe("alice");
    expect(payload.iss).toBe(ISSUER);
    expect(await signatureVerifies(token)).toBe(false);
    // It is the current key's real signature, over the payload as it was before sub was changed.
    const [encodedHeader, , encodedSignature] = token.split(".");
    const original = Buffer.from(JSON.stringify({ ...payload, sub: "not-alice" })).toString("base64url");
    expect(await signatureVerifies(`${encodedHeader}.${original}.${encodedSignature}`)).toBe(true);
  },
  async "unknown-key"(token) {
    const { header } = parts(token);
    const jwks = await publishedJwks(h.providers);
    // The kid is published, the key that signed is not: the signature fails against every published key.
    expect(jwks.keys.map((k) => k.kid)).toContain(header.kid);
    expect(header.alg).toBe("RS256");
    expect(await signatureVerifies(token)).toBe(false);
    for (const jwk of jwks.keys) {
      await expect(compactVerify(token, createPublicKey({ key: { ...jwk }, format: "jwk" }))).rejects.toBeInstanceOf(
        errors.JWSSignatureVerificationFailed,
      );
    }
  },
  async audience(token) {
    const { payload } = parts(token);
    expect(CLIENT_IDS).not.toContain(payload.aud);
    expect(payload.aud).toBe("dev-client-unregistered");
    expect(payload).not.toHaveProperty("azp");
    expect(await signatureVerifies(token)).toBe(true);
    await expect(verifyAgainstJwks(h, token)).rejects.toMatchObject({
      code: "ERR_JWT_CLAIM_VALIDATION_FAILED",
      claim: "aud",
    });
  },
  async azp(token) {
    const { payload } = parts(token);
    expect(CLIENT_IDS).toContain(payload.aud);
    expect(CLIENT_IDS).not.toContain(payload.azp);
    expect(typeof payload.azp).toBe("string");
    // jose does not judge azp (an OpenID rule, Core §3.1.3.7): everything else verifies.
    expect((await verifyAgainstJwks(h, token)).payload.azp).toBe("dev-client-unregistered");
  },
  async expired(token) {
    const { payload } = parts(token);
    expect(Number(payload.exp)).toBeLessThan(NOW_SECONDS - 300);
    expect(payload.exp).toBe(NOW_SECONDS - 600);
    expect(payload.iat).toBe(NOW_SECONDS - 600 - 600);
    expect(await signatureVerifies(token)).toBe(true);
    await expect(verifyAgainstJwks(h, token)).rejects.toBeInstanceOf(errors.JWTExpired);
  },
  async "not-yet-valid"(token) {
    const { payload } = parts(token);
    expect(Number(payload.nbf)).toBeGreaterThan(NOW_SECONDS + 300);
    expect(payload.iat).toBe(NOW_SECONDS);
    expect(payload.exp).toBe(NOW_SECONDS + 600 + 600);
    expect(await signatureVerifies(token)).toBe(true);
    await expect(verifyAgainstJwks(h, token)).rejects.toMatchObject({
      code: "ERR_JWT_CLAIM_VALIDATION_FAILED",
      claim: "nbf",
    });
  },
  async "alg-none"(token) {
    const { header, payload, signature } = parts(token);
    expect(header.alg).toBe("none");
    expect(signature).toBe("");
    expect(token.endsWith(".")).toBe(true);
    expect(payload.iss).toBe(ISSUER);
    await expect(verifyAgainstJwks(h, token)).rejects.toBeInstanceOf(errors.JOSEAlgNotAllowed);
  },
  async hs256(token) {
    const { header, signature } = parts(token);
    expect(header.alg).toBe("HS256");
    const jwk = (await publishedJwks(h.providers)).keys.find((k) => k.kid === header.kid);
    expect(jwk).toBeDefined();
    // The classic attack's key: the published public key's SPKI PEM text, final newline included.
    const pem = createPublicKey({ key: { ...jwk }, format: "jwk" })
      .export({ type: "spki", format: "pem" })
      .toString();
    expect(pem.startsWith("-----BEGIN PUBLIC KEY-----\n")).toBe(true);
    expect(pem.endsWith("-----END PUBLIC KEY-----\n")).toBe(true);
    const signingInput = token.slice(0, token.lastIndexOf("."));
    expect(signature).toBe(createHmac("sha256", pem).update(signingInput).digest("base64url"));
    await expect(verifyAgainstJwks(h, token)).rejects.toBeInstanceOf(errors.JOSEAlgNotAllowed);
  },
};

describe("break rules", () => {
  it("an unbroken token verifies against the JWKS", async () => {
    const token = await h.providers.mint("dev", { sub: "alice" });
    expect((await verifyAgainstJwks(h, token)).payload.sub).toBe("alice");
  });

  it.each(BREAK_RULES)("break %s makes exactly the defect named", async (rule) => {
    await DEFECTS[rule](await mint(rule));
  });

  it("audience drops an azp the caller set, so the verifier judges aud", async () => {
    const { payload } = parts(await mint("audience", { claims: { azp: "dev-client" } }));
    expect(payload).not.toHaveProperty("azp");
  });

  it("an unregistered id is never one of the provider's client ids", async () => {
    const spec = { name: "tricky", clientIds: ["web", "web-unregistered"], users: [] };
    const tricky = await harness([spec]);
    const { payload } = parts(await tricky.providers.mint("tricky", { sub: "a", clientId: "web", break: "audience" }));
    expect(payload.aud).toBe("web-unregistered-");
  });

  it("time rules keep the ttl asked for", async () => {
    const { payload } = parts(await mint("expired", { ttlSeconds: 60 }));
    expect(Number(payload.exp) - Number(payload.iat)).toBe(60);
  });

  it("jose rejects the broken signature outright (wrong-key tokens included)", async () => {
    const keys = createLocalJWKSet(await publishedJwks(h.providers));
    for (const rule of ["signature", "unknown-key"] as const) {
      await expect(jwtVerify(await mint(rule), keys, { currentDate: new Date(TEST_NOW_MS) })).rejects.toBeInstanceOf(
        errors.JWSSignatureVerificationFailed,
      );
    }
  });
});
