import { decodeProtectedHeader } from "jose";
import { beforeEach, describe, expect, it } from "vitest";
import { cryptoIds, ManualClock } from "../shared/index.js";
import { openSqliteStore, type Store } from "../store/index.js";
import { jwksDocument } from "./documents.js";
import { OpenIdTokenIssuer } from "./openid-token.js";
import { ensureSigningKey, rotateSigningKey } from "./rotate.js";
import { signRs512 } from "./sign-rs512.js";
import { MAX_TOKEN_LIFETIME_MS, SigningKeySet } from "./signing-keys.js";

const claims = {
  identityId: "us-east-1:11111111-2222-3333-4444-555555555555",
  poolId: "us-east-1:aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
  poolArn:
    "arn:aws:cognito-identity:us-east-1:000000000000:identitypool/us-east-1:aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
  amr: ["authenticated", "login.example.com", "arn:aws:iam::000000000000:oidc-provider/login.example.com:OIDC:alice"],
  principalTags: { username: "alice" },
};

describe("idpool's own OpenID tokens", () => {
  let store: Store;
  let clock: ManualClock;
  let keys: SigningKeySet;
  let issuer: OpenIdTokenIssuer;
  beforeEach(async () => {
    store = openSqliteStore(":memory:");
    await store.migrate();
    clock = new ManualClock(1_800_000_000_000);
    await ensureSigningKey(store, "us-east-1", clock, cryptoIds);
    keys = new SigningKeySet(store, clock);
    issuer = new OpenIdTokenIssuer(keys, clock, () => "http://127.0.0.1:4600");
  });

  it("signs RS512 with typ JWS and a kid, and verifies its own claims back", async () => {
    const token = await issuer.issue(claims, 600);
    const header = decodeProtectedHeader(token);
    expect(header).toMatchObject({ alg: "RS512", typ: "JWS" });
    expect(header.kid).toMatch(/^us-east-1-[0-9a-f]{8}$/);
    const verified = await issuer.verify(token);
    expect(verified).toMatchObject({
      ...claims,
      issuedAtEpochSeconds: 1_800_000_000,
      expiresAtEpochSeconds: 1_800_000_600,
    });
  });

  it("refuses an expired token with its expiry", async () => {
    const token = await issuer.issue(claims, 600);
    clock.advanceMs(601_000);
    await expect(issuer.verify(token)).rejects.toMatchObject({
      rejection: { reason: "expired", nowEpochSeconds: 1_800_000_601, expEpochSeconds: 1_800_000_600 },
    });
  });

  it("refuses a token of another issuer and one with a foreign kid", async () => {
    const token = await issuer.issue(claims, 600);
    const elsewhere = new OpenIdTokenIssuer(keys, clock, () => "http://other:1");
    await expect(elsewhere.verify(token)).rejects.toMatchObject({ rejection: { reason: "issuer_mismatch" } });
    const [h, p, s] = token.split(".");
    const forged = `${Buffer.from(JSON.stringify({ alg: "RS512", kid: "nope" })).toString("base64url")}.${p}.${s}`;
    await expect(issuer.verify(forged)).rejects.toMatchObject({ rejection: { reason: "no_matching_key" } });
    expect(h).toBeDefined();
  });

  it("refuses a changed payload, a signature in another spelling, another alg and a crit header", async () => {
    const token = await issuer.issue(claims, 600);
    const [h = "", p = "", s = ""] = token.split(".");
    const other = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, "base64url").toString()), sub: "x" }));
    await expect(issuer.verify(`${h}.${other.toString("base64url")}.${s}`)).rejects.toMatchObject({
      rejection: { reason: "bad_signature" },
    });
    // The same signature bytes, padded: jose's compactVerify refuses what is not canonical base64url.
    await expect(issuer.verify(`${h}.${p}.${Buffer.from(s, "base64url").toString("base64")}`)).rejects.toMatchObject({
      rejection: { reason: "malformed" },
    });
    const header = (extra: object) =>
      Buffer.from(JSON.stringify({ ...decodeProtectedHeader(token), ...extra })).toString("base64url");
    await expect(issuer.verify(`${header({ alg: "RS256" })}.${p}.${s}`)).rejects.toMatchObject({
      rejection: { reason: "alg_not_allowed" },
    });
    await expect(issuer.verify(`${header({ crit: ["exp"] })}.${p}.${s}`)).rejects.toMatchObject({
      rejection: { reason: "malformed" },
    });
    await expect(issuer.verify("not.a.jwt")).rejects.toMatchObject({ rejection: { reason: "malformed" } });
  });

  it("checks the claims of a token its own key signed (a missing sub is refused)", async () => {
    const key = await keys.current();
    const header = { kid: key.kid, typ: "JWS", alg: "RS512" };
    const payload = { iss: "http://127.0.0.1:4600", aud: claims.poolId, iat: 1_800_000_000, exp: 1_800_000_600 };
    const token = await signRs512(header, payload, key.signingKey);
    await expect(issuer.verify(token)).rejects.toMatchObject({
      rejection: { reason: "missing_sub", detail: 'claim sub failed: missing required "sub" claim' },
    });
  });

  it("keeps old keys published after a rotation by another process until their tokens expire", async () => {
    const before = await issuer.issue(claims, 600);
    const oldKid = decodeProtectedHeader(before).kid;
    clock.advanceMs(10_000);
    const newKid = await rotateSigningKey(store, "us-east-1", clock, cryptoIds);
    await keys.reload();
    const after = await issuer.issue(claims, 600);
    expect(decodeProtectedHeader(after).kid).toBe(newKid);
    expect((await issuer.verify(before)).kid).toBe(oldKid);
    expect((await jwksDocument(keys)).keys.map((k) => (k as { kid: string }).kid)).toEqual([newKid, oldKid]);
    clock.advanceMs(MAX_TOKEN_LIFETIME_MS + 1);
    await keys.reload();
    expect((await jwksDocument(keys)).keys.map((k) => (k as { kid: string }).kid)).toEqual([newKid]);
  });
});
