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
});
