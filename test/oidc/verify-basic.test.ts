import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestOidcProvider, type TestOidcProvider } from "../support/oidc-provider.js";
import { makeVerifier, registrationOf } from "./helpers.js";

describe("OidcVerifier happy path", () => {
  let idp: TestOidcProvider;
  beforeAll(async () => {
    idp = await startTestOidcProvider();
  });
  afterAll(() => idp.stop());

  it("accepts a token signed by the provider's key and returns its claims", async () => {
    const { verifier, clock } = makeVerifier();
    const token = await idp.issueToken({ email: "a@example.com" });
    const outcome = await verifier.verify(token, registrationOf(idp), idp.loginsKey);
    if (!outcome.ok) throw new Error(`rejected: ${outcome.rejection.reason} ${outcome.rejection.detail}`);
    expect(outcome.claims.iss).toBe(idp.url);
    expect(outcome.claims.sub).toBe("user-1");
    expect(outcome.claims.email).toBe("a@example.com");
    expect(outcome.header).toEqual({ alg: "RS256", kid: idp.currentKid() });
    expect(outcome.matchedClientId).toBe("client-a");
    expect(clock.nowMs()).toBeGreaterThan(0);
    verifier.close();
  });

  it("checks a token verified before on every call: audience, issuer and lifetime again", async () => {
    const { verifier, clock } = makeVerifier();
    const token = await idp.issueToken({ exp: Math.floor(clock.nowMs() / 1000) + 600 });
    const first = await verifier.verify(token, registrationOf(idp), idp.loginsKey);
    const again = await verifier.verify(token, registrationOf(idp), idp.loginsKey);
    expect(first.ok && again.ok).toBe(true);
    if (first.ok && again.ok) expect(again.claims).toEqual(first.claims);
    const otherClients = await verifier.verify(token, registrationOf(idp, { clientIds: ["client-z"] }), idp.loginsKey);
    expect(otherClients.ok ? "accepted" : otherClients.rejection.reason).toBe("audience_mismatch");
    const otherKey = await verifier.verify(token, registrationOf(idp), `${idp.loginsKey}/other`);
    expect(otherKey.ok ? "accepted" : otherKey.rejection.reason).toBe("issuer_mismatch");
    clock.advanceMs((600 + 5 * 60 + 1) * 1000);
    const later = await verifier.verify(token, registrationOf(idp), idp.loginsKey);
    expect(later.ok ? "accepted" : later.rejection.reason).toBe("expired");
    verifier.close();
  });

  it("pins a registration object's thumbprints as they are now, not as they were at its first call", async () => {
    const { verifier } = makeVerifier();
    const token = await idp.issueToken();
    const registration = registrationOf(idp);
    expect((await verifier.verify(token, registration, idp.loginsKey)).ok).toBe(true);
    // The same object given another pin: its keys are fetched again under that pin, which fails.
    registration.thumbprints = ["0".repeat(40)];
    const repinned = await verifier.verify(token, registration, idp.loginsKey);
    expect(repinned.ok ? "accepted" : repinned.rejection.reason).toBe("thumbprint_mismatch");
    verifier.close();
  });
});
