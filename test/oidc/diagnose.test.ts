import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diagnoseToken } from "../../src/oidc/index.js";
import { startTestOidcProvider, type TestOidcProvider } from "../support/oidc-provider.js";
import { b64url, payloadOf, replacePart } from "../support/token-craft.js";
import { makeVerifier, registrationOf, type TestVerifier } from "./helpers.js";

describe("diagnoseToken", () => {
  let idp: TestOidcProvider;
  let t: TestVerifier;
  beforeAll(async () => {
    idp = await startTestOidcProvider();
    t = makeVerifier();
  });
  afterAll(async () => {
    t.verifier.close();
    await idp.stop();
  });
  const diagnose = (token: string) => diagnoseToken(t.verifier, t.clock, token, registrationOf(idp), idp.loginsKey);
  const statuses = (d: Awaited<ReturnType<typeof diagnose>>) =>
    Object.fromEntries(d.checks.map((c) => [c.rule, c.status]));

  it("passes every rule of a good token, as the verifier does", async () => {
    const d = await diagnose(await idp.issueToken());
    expect(d.accepted).toBe(true);
    expect(statuses(d)).toEqual({
      shape: "pass",
      algorithm: "pass",
      issuer: "pass",
      keys: "pass",
      signature: "pass",
      lifetime: "pass",
      audience: "pass",
      subject: "pass",
    });
  });

  it("keeps judging the claims after a bad signature, and says they are unauthenticated", async () => {
    const good = await idp.issueToken();
    const tampered = replacePart(good, 1, b64url({ ...payloadOf(good), aud: "nobody" }));
    const d = await diagnose(tampered);
    expect(d.rejection?.reason).toBe("bad_signature");
    expect(statuses(d)).toMatchObject({ keys: "pass", signature: "fail", audience: "fail" });
    expect(d.checks.find((c) => c.rule === "audience")?.says).toContain("claims not authenticated");
  });

  it("stops at the shape of a broken token", async () => {
    const d = await diagnose("not-a-token");
    expect(d.decoded).toBeUndefined();
    expect(d.checks.length).toBe(1);
    expect(d.checks[0]).toMatchObject({
      rule: "shape",
      status: "fail",
      reason: "malformed",
      says: "a compact JWS has 3 dot-separated parts, found 1 part(s)",
    });
    expect(d.checks[0]?.fix).toContain("ID token");
  });

  it("skips keys and signature for a refused algorithm but still reads the claims", async () => {
    const token = replacePart(await idp.issueToken(), 0, b64url({ alg: "HS256" }));
    const d = await diagnose(token);
    expect(statuses(d)).toMatchObject({
      algorithm: "fail",
      keys: "skip",
      signature: "skip",
      issuer: "pass",
      audience: "pass",
    });
    expect(d.rejection?.reason).toBe("alg_not_allowed");
  });
});
