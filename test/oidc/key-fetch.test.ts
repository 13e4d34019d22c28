/**
 * Fetching and caching provider keys: no I/O on the cached path, rotation, outages, storms of
 * unknown kids, single flight, Cache-Control, limits, and a cache bound to the thumbprint list.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { VerifyOutcome } from "../../src/oidc/index.js";
import { startTestOidcProvider, type TestOidcProvider } from "../support/oidc-provider.js";
import { makeVerifier, registrationOf, type TestVerifier } from "./helpers.js";

function reasonOf(outcome: VerifyOutcome): string {
  return outcome.ok ? "accepted" : outcome.rejection.reason;
}

describe("provider key fetching", () => {
  let idp: TestOidcProvider;
  let t: TestVerifier;
  const nowSeconds = () => Math.floor(t.clock.nowMs() / 1000);
  // Tokens are dated by the verifier's clock, so moving the clock never expires them by accident.
  const token = (claims: Record<string, unknown> = {}, opts = {}) =>
    idp.issueToken({ iat: nowSeconds(), exp: nowSeconds() + 3600, ...claims }, opts);
  const verify = async (tok?: string) => t.verifier.verify(tok ?? (await token()), registrationOf(idp), idp.loginsKey);
  const jwksRequests = () => idp.requestCount(idp.jwksPath);
  const discoveryRequests = () => idp.requestCount(idp.discoveryPath);
  const logged = (msg: string) => t.logs.filter((l) => l.msg === msg).length;
  // Past max-age the last good keys answer at once and the refetch runs in the background.
  const refreshed = (fetches: number) =>
    vi.waitFor(() => expect(logged("oidc: fetched provider keys")).toBe(fetches), { timeout: 2_000 });

  beforeEach(async () => {
    idp = await startTestOidcProvider();
    t = makeVerifier();
  });
  afterEach(async () => {
    t.verifier.close();
    await idp.stop();
  });

  it("does no I/O while keys are cached", async () => {
    expect(reasonOf(await verify())).toBe("accepted");
    expect([discoveryRequests(), jwksRequests()]).toEqual([1, 1]);
    const tokens = await Promise.all(Array.from({ length: 50 }, () => token()));
    for (const tok of tokens) expect(reasonOf(await verify(tok))).toBe("accepted");
    t.clock.advanceMs(599_000); // just inside the default 10 min max age
    expect(reasonOf(await verify())).toBe("accepted");
    expect([discoveryRequests(), jwksRequests()]).toEqual([1, 1]);
  });

  it("single-flights concurrent first verifications", async () => {
    const tokens = await Promise.all(Array.from({ length: 50 }, () => token()));
    const outcomes = await Promise.all(tokens.map((tok) => verify(tok)));
    expect(outcomes.map(reasonOf)).toEqual(Array(50).fill("accepted"));
    expect([discoveryRequests(), jwksRequests()]).toEqual([1, 1]);
  });

  it("picks up a rotated key on its new kid, without restart", async () => {
    expect(reasonOf(await verify())).toBe("accepted");
    t.clock.advanceMs(31_000); // past the cooldown since the first fetch
    const newKid = await idp.rotateKeys({ keepPrevious: false });
    const outcome = await verify();
    expect(outcome.ok && outcome.header.kid).toBe(newKid);
    expect(jwksRequests()).toBe(2);
  });

  it("refetches for an unknown kid at most once per 30 s cooldown", async () => {
    expect(reasonOf(await verify())).toBe("accepted");
    await idp.rotateKeys();
    // Within the cooldown of the first fetch: refused without asking the provider.
    const early = await verify();
    expect(early.ok ? "" : early.rejection.detail).toContain("cooldown");
    expect(jwksRequests()).toBe(1);
    t.clock.advanceMs(30_000);
    expect(reasonOf(await verify())).toBe("accepted");
    expect(jwksRequests()).toBe(2);
  });

  it("survives a storm of 1,000 tokens with made-up kids with a handful of JWKS requests", async () => {
    expect(reasonOf(await verify())).toBe("accepted");
    t.clock.advanceMs(30_000);
    const burst = await Promise.all(Array.from({ length: 500 }, (_, i) => token({}, { kid: `made-up-${i}` })));
    const outcomes = await Promise.all(burst.map((tok) => verify(tok)));
    expect(new Set(outcomes.map(reasonOf))).toEqual(new Set(["no_matching_key"]));
    expect(jwksRequests()).toBe(2); // the burst shares one refetch
    // Then 500 more over 100 s of clock: one refetch per cooldown at most.
    for (let i = 0; i < 500; i++) {
      t.clock.advanceMs(200);
      expect(reasonOf(await verify(await token({}, { kid: `later-${i}` })))).toBe("no_matching_key");
    }
    expect(jwksRequests()).toBeLessThanOrEqual(2 + 4);
    expect(reasonOf(await verify())).toBe("accepted");
  });

  it("honours Cache-Control max-age within bounds", async () => {
    idp.setCacheControl("public, max-age=120");
    expect(reasonOf(await verify())).toBe("accepted");
    t.clock.advanceMs(119_000);
    await verify();
    expect(jwksRequests()).toBe(1);
    t.clock.advanceMs(2_000);
    expect(reasonOf(await verify())).toBe("accepted");
    await refreshed(2);
    expect(jwksRequests()).toBe(2);
    idp.setCacheControl("no-store"); // clamped up to the 60 s floor
    t.clock.advanceMs(121_000);
    await verify();
    await refreshed(3);
    t.clock.advanceMs(59_000);
    await verify();
    expect(jwksRequests()).toBe(3);
  });

  it("keeps verifying with the last good keys while the provider is down, for a bounded time", async () => {
    expect(reasonOf(await verify())).toBe("accepted");
    idp.setDown(true);
    t.clock.advanceMs(11 * 60_000); // keys stale: a refetch is tried, fails, and the old keys serve
    expect(reasonOf(await verify())).toBe("accepted");
    const usingLastGood = "oidc: cannot refresh provider keys; using the last good ones";
    await vi.waitFor(() => expect(logged(usingLastGood)).toBe(1), { timeout: 2_000 });
    expect(JSON.stringify(t.logs)).not.toContain("eyJ"); // no token in the log
    t.clock.advanceMs(25 * 3600_000); // past maxStale
    const outcome = await verify();
    expect(outcome.ok ? undefined : outcome.rejection.reason).toBe("jwks_unreachable");
  });

  it("says jwks_unreachable when the provider is down from the start, and retries after a pause", async () => {
    idp.setDown(true);
    expect(reasonOf(await verify())).toBe("jwks_unreachable");
    idp.setDown(false);
    expect(reasonOf(await verify())).toBe("jwks_unreachable"); // still backing off, no request
    expect(discoveryRequests()).toBe(0);
    t.clock.advanceMs(5_000);
    expect(reasonOf(await verify())).toBe("accepted");
  });

  it("does not serve keys cached under another thumbprint list", async () => {
    expect(reasonOf(await verify())).toBe("accepted");
    const tok = await token();
    const wrong = await t.verifier.verify(tok, registrationOf(idp, { thumbprints: ["ab".repeat(20)] }), idp.loginsKey);
    expect(wrong.ok ? undefined : wrong.rejection.reason).toBe("thumbprint_mismatch");
    const leaf = await t.verifier.verify(
      tok,
      registrationOf(idp, { thumbprints: [idp.ca.leaf.thumbprint] }),
      idp.loginsKey,
    );
    expect(reasonOf(leaf)).toBe("accepted");
    expect(jwksRequests()).toBe(2); // the leaf-pinned registration fetched its own keys
    // Case and order do not make a new entry.
    const same = registrationOf(idp, { thumbprints: [idp.ca.intermediate.thumbprint.toUpperCase()] });
    expect(reasonOf(await t.verifier.verify(tok, same, idp.loginsKey))).toBe("accepted");
    expect(jwksRequests()).toBe(2);
  });

  it("gives up after the fetch timeout", async () => {
    const quick = makeVerifier({}, { fetch: { timeoutMs: 200 } });
    idp.setResponseDelayMs(1_000);
    const outcome = await quick.verifier.verify(await token(), registrationOf(idp), idp.loginsKey);
    expect(outcome.ok ? undefined : outcome.rejection).toMatchObject({ reason: "jwks_unreachable" });
    expect(outcome.ok ? "" : outcome.rejection.detail).toContain("within 200 ms");
    quick.verifier.close();
  });

  it("refuses oversized, redirected and inconsistent documents", async () => {
    const probe = async (status: number, headers: Record<string, string>, body: string, path = idp.jwksPath) => {
      idp.setOverride((req, res) => {
        if (req.url !== path) return false;
        res.writeHead(status, headers).end(body);
        return true;
      });
      const fresh = makeVerifier();
      const outcome = await fresh.verifier.verify(await token(), registrationOf(idp), idp.loginsKey);
      fresh.verifier.close();
      return outcome.ok ? { reason: "accepted", detail: "" } : outcome.rejection;
    };
    expect((await probe(200, {}, "x".repeat(600 * 1024))).reason).toBe("jwks_invalid");
    expect((await probe(200, {}, "not json")).reason).toBe("jwks_invalid");
    expect((await probe(200, {}, JSON.stringify({ keys: "nope" }))).reason).toBe("jwks_invalid");
    const redirect = await probe(302, { location: `${idp.url}/elsewhere` }, "");
    expect(redirect.reason).toBe("jwks_unreachable");
    expect(idp.requestCount("/elsewhere")).toBe(0);
    expect((await probe(404, {}, "")).reason).toBe("jwks_unreachable");
    const issuer = JSON.stringify({ issuer: "https://evil.example", jwks_uri: `${idp.url}${idp.jwksPath}` });
    expect(await probe(200, {}, issuer, idp.discoveryPath)).toMatchObject({ reason: "discovery_invalid" });
    const noUri = JSON.stringify({ issuer: idp.url });
    expect((await probe(200, {}, noUri, idp.discoveryPath)).reason).toBe("discovery_invalid");
  });

  it("aborts a fetch in flight on close", async () => {
    idp.setResponseDelayMs(2_000);
    const pending = verify();
    await new Promise((resolve) => setTimeout(resolve, 100));
    t.verifier.close();
    const outcome = await pending;
    expect(outcome.ok ? "" : outcome.rejection.detail).toContain("aborted");
  });
});
