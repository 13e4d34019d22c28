/**
 * The attack corpus: each hostile or broken token is refused with one specific reason, and nothing
 * a token says makes the verifier fetch a URL.
 */
import { createHmac, createPublicKey } from "node:crypto";
import { exportJWK, generateKeyPair } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OidcVerifier, ProviderRegistration } from "../../src/oidc/index.js";
import type { ManualClock } from "../../src/shared/index.js";
import { startTestOidcProvider, type TestOidcProvider } from "../support/oidc-provider.js";
import { b64url, craftToken, payloadOf, replacePart } from "../support/token-craft.js";
import { makeVerifier, type RawSigner, reasonOf, registrationOf, startRawSigningProvider } from "./helpers.js";

describe("attack corpus", () => {
  let idp: TestOidcProvider;
  let other: TestOidcProvider;
  let raw: RawSigner;
  let verifier: OidcVerifier;
  let clock: ManualClock;
  let provider: ProviderRegistration;
  const nowSeconds = () => Math.floor(clock.nowMs() / 1000);
  const verify = (token: string) => verifier.verify(token, provider, idp.loginsKey);

  beforeAll(async () => {
    idp = await startTestOidcProvider();
    other = await startTestOidcProvider();
    raw = await startRawSigningProvider();
    ({ verifier, clock } = makeVerifier());
    provider = registrationOf(idp, { clientIds: ["client-a", "client-b"] });
    expect(reasonOf(await verify(await idp.issueToken()))).toBe("accepted"); // warms the key cache
  });
  afterAll(async () => {
    verifier.close();
    await idp.stop();
    await other.stop();
    await raw.idp.stop();
  });

  it("refuses alg none, even with a kid the provider has", async () => {
    const token = craftToken({ alg: "none", kid: idp.currentKid() }, payloadOf(await idp.issueToken()));
    const outcome = await verify(token);
    expect(reasonOf(outcome)).toBe("alg_not_allowed");
    expect(outcome.ok ? "" : outcome.rejection.detail).toContain('alg "none" is not allowed');
  });

  it("refuses HS256 keyed with the provider's RSA public key (algorithm confusion)", async () => {
    const jwk = idp.publishedJwks().keys[0];
    if (!jwk) throw new Error("no key");
    const pem = createPublicKey({ key: { ...jwk }, format: "jwk" }).export({ type: "spki", format: "pem" });
    const header = b64url({ alg: "HS256", kid: idp.currentKid() });
    const payload = b64url(payloadOf(await idp.issueToken()));
    const signature = createHmac("sha256", pem).update(`${header}.${payload}`).digest("base64url");
    expect(reasonOf(await verify(`${header}.${payload}.${signature}`))).toBe("alg_not_allowed");
  });

  it("refuses another provider's valid signature under a reused kid", async () => {
    const token = await other.issueToken({ iss: idp.url }, { kid: idp.currentKid() });
    expect(reasonOf(await verify(token))).toBe("bad_signature");
  });

  it("never lets one provider's keys verify another's token", async () => {
    const token = await other.issueToken();
    // Presented under the other provider's logins key but checked against this registration.
    expect(reasonOf(await verifier.verify(token, provider, other.loginsKey))).toBe("issuer_mismatch");
    expect(reasonOf(await verify(token))).toBe("issuer_mismatch");
  });

  it("refuses a wrong iss and says what was expected", async () => {
    const outcome = await verify(await idp.issueToken({ iss: "https://evil.example" }));
    expect(outcome.ok ? undefined : outcome.rejection).toEqual({
      reason: "issuer_mismatch",
      detail: `expected iss "${idp.url}", found iss "https://evil.example"`,
    });
  });

  it("judges aud and azp by the registered client ids", async () => {
    expect(reasonOf(await verify(await idp.issueToken({ aud: "client-x" })))).toBe("audience_mismatch");
    expect(reasonOf(await verify(await idp.issueToken({}, { omit: ["aud"] })))).toBe("missing_aud");
    const inArray = await verify(await idp.issueToken({ aud: ["client-x", "client-b"] }));
    expect(inArray.ok && inArray.matchedClientId).toBe("client-b");
    const azpOk = await verify(await idp.issueToken({ aud: "client-x", azp: "client-b" }));
    expect(azpOk.ok && azpOk.matchedClientId).toBe("client-b");
    expect(reasonOf(await verify(await idp.issueToken({ aud: "client-a", azp: "client-x" })))).toBe("azp_mismatch");
  });

  it("judges exp with 300 s of grace, and reports now and exp", async () => {
    const now = nowSeconds();
    const expired = await verify(await idp.issueToken({ iat: now - 3600, exp: now - 301 }));
    expect(expired.ok ? undefined : expired.rejection).toMatchObject({
      reason: "expired",
      nowEpochSeconds: now,
      expEpochSeconds: now - 301,
    });
    expect(reasonOf(await verify(await idp.issueToken({ iat: now - 3600, exp: now - 299 })))).toBe("accepted");
    expect(reasonOf(await verify(await idp.issueToken({}, { omit: ["exp"] })))).toBe("missing_exp");
  });

  it("judges the audience before the lifetime (the rules' order)", async () => {
    const now = nowSeconds();
    const both = await verify(await idp.issueToken({ aud: "client-x", iat: now - 7200, exp: now - 3600 }));
    expect(reasonOf(both)).toBe("audience_mismatch");
  });

  it("judges nbf and iat in the future with 300 s of grace", async () => {
    const now = nowSeconds();
    expect(reasonOf(await verify(await idp.issueToken({ nbf: now + 301 })))).toBe("not_yet_valid");
    expect(reasonOf(await verify(await idp.issueToken({ nbf: now + 299 })))).toBe("accepted");
    expect(reasonOf(await verify(await idp.issueToken({ iat: now + 301, exp: now + 4000 })))).toBe("issued_in_future");
    expect(reasonOf(await verify(await idp.issueToken({ iat: now + 299 })))).toBe("accepted");
  });

  it("refuses malformed tokens as malformed", async () => {
    const good = await idp.issueToken();
    expect(reasonOf(await verify(replacePart(good, 0, "!!!")))).toBe("malformed");
    expect(reasonOf(await verify(replacePart(good, 1, b64url("{not json"))))).toBe("malformed");
    expect(reasonOf(await verify(replacePart(good, 1, b64url([1, 2]))))).toBe("malformed");
    expect(reasonOf(await verify(good.split(".").slice(0, 2).join(".")))).toBe("malformed");
    expect(reasonOf(await verify(""))).toBe("malformed");
    expect(reasonOf(await verify(await idp.issueToken({ exp: "tomorrow" })))).toBe("malformed");
  });

  it("refuses a tampered payload as a bad signature", async () => {
    const good = await idp.issueToken();
    const tampered = replacePart(good, 1, b64url({ ...payloadOf(good), sub: "admin" }));
    expect(reasonOf(await verify(tampered))).toBe("bad_signature");
  });

  it("refuses a 60 KB token before parsing it", async () => {
    const outcome = await verify(await idp.issueToken({ pad: "x".repeat(60_000) }));
    expect(outcome.ok ? undefined : outcome.rejection.reason).toBe("token_too_large");
  });

  it("refuses crit extensions", async () => {
    const token = await idp.issueToken(
      {},
      { header: { crit: ["http://example.com/ext"], "http://example.com/ext": 1 } },
    );
    expect(reasonOf(await verify(token))).toBe("crit_unsupported");
  });

  it("never uses a key or key location the token brings (jwk, jku, x5u, x5c)", async () => {
    const attacker = await generateKeyPair("RS256", { extractable: true });
    const attackerJwk = { ...(await exportJWK(attacker.publicKey)), kid: "attacker" };
    const before = idp.requestCount(idp.jwksPath);
    const sign = (header: Record<string, unknown>, kid: string) =>
      idp.issueToken({}, { signingKey: attacker.privateKey, kid, header });
    const jku = `${idp.url}/attacker/jwks.json`;
    expect(reasonOf(await verify(await sign({ jwk: attackerJwk }, "attacker")))).toBe("no_matching_key");
    expect(reasonOf(await verify(await sign({ jwk: attackerJwk }, idp.currentKid())))).toBe("bad_signature");
    expect(reasonOf(await verify(await sign({ jku }, "attacker")))).toBe("no_matching_key");
    expect(reasonOf(await verify(await sign({ x5u: `${idp.url}/attacker/cert.pem` }, idp.currentKid())))).toBe(
      "bad_signature",
    );
    expect(reasonOf(await verify(await sign({ x5c: ["MIIB"] }, idp.currentKid())))).toBe("bad_signature");
    // An honest token that merely carries a jku is accepted, and the jku is still never fetched.
    expect(reasonOf(await verify(await idp.issueToken({}, { header: { jku } })))).toBe("accepted");
    expect(idp.requestCount("/attacker/jwks.json")).toBe(0);
    expect(idp.requestCount("/attacker/cert.pem")).toBe(0);
    // The unknown kid "attacker" may cost one refetch (then the cooldown holds), never more.
    expect(idp.requestCount(idp.jwksPath) - before).toBeLessThanOrEqual(1);
  });

  it("refuses a token without kid when the key set has several keys", async () => {
    const { verifier: fresh } = makeVerifier();
    const two = await startTestOidcProvider();
    await two.rotateKeys();
    const outcome = await fresh.verify(await two.issueToken({}, { kid: null }), registrationOf(two), two.loginsKey);
    expect(reasonOf(outcome)).toBe("no_matching_key");
    const one = await fresh.verify(await idp.issueToken({}, { kid: null }), provider, idp.loginsKey);
    expect(reasonOf(one)).toBe("accepted");
    fresh.close();
    await two.stop();
  });

  it("refuses duplicate names, a byte-order mark, and dates that are not sane integers, as malformed", async () => {
    const [header, now, iss] = ['{"alg":"RS256","kid":"raw"}', nowSeconds(), `"iss":"${raw.idp.url}"`] as const;
    const [iat, exp] = [`"iat":${now}`, `"exp":${now + 3600}`];
    const claims = (...members: string[]) => `{${['"sub":"user-1"', '"aud":"client-a"', ...members].join(",")}}`;
    expect(await raw.verify(verifier, header, claims(iss, iat, exp))).toBe("accepted"); // hand-signed, otherwise fine
    const evilFirst = claims('"iss":"https://evil.example"', iat, exp, iss); // JSON.parse keeps the last
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(claims(iss, iat, exp))]);
    const corpus: [header: string, payload: string | Uint8Array, detailStart: string][] = [
      [header, evilFirst, 'the payload has the member name "iss" twice'],
      ['{"alg":"none","kid":"raw","alg":"RS256"}', claims(iss, iat, exp), 'the header has the member name "alg" twice'],
      [header, bom, "the payload starts with a byte-order mark"],
      [header, claims(iss, '"exp":1e300'), "exp 1e+300 is not an integer from 0 to 32503680000"],
      [header, claims(iss, '"exp":9007199254740993'), "exp 9007199254740992 is not an integer"], // 2^53+1
      [header, claims(iss, `"exp":${now + 3600}.5`), `exp ${now + 3600}.5 is not an integer`],
      [header, claims(iss, iat, exp, '"nbf":-1'), "nbf -1 is not an integer"],
      [header, claims(iss, `"iat":"${now}"`, exp), `iat is not a number (found "${now}")`],
    ];
    const outcomes = await Promise.all(corpus.map(([h, payload]) => raw.verify(verifier, h, payload)));
    const expected = corpus.map(([, , detailStart]) => `malformed: ${detailStart}`);
    expect(outcomes.map((outcome, i) => outcome.slice(0, expected[i]?.length))).toEqual(expected);
  });
});
