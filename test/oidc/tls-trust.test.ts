/**
 * TLS trust for discovery and JWKS hosts (CONTRACT.md "Trust in an identity provider's keys").
 * Every case starts a fresh verifier so nothing is served from a cache built under other rules.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OidcTrustOptions, VerifyOutcome } from "../../src/oidc/index.js";
import {
  startTestOidcProvider,
  type TestOidcProvider,
  type TestOidcProviderOptions,
} from "../support/oidc-provider.js";
import { sharedTestCa, type TestCa } from "../support/test-ca.js";
import { makeVerifier, registrationOf } from "./helpers.js";

function reasonOf(outcome: VerifyOutcome): string {
  return outcome.ok ? "accepted" : outcome.rejection.reason;
}

describe("TLS trust of the provider's hosts", () => {
  let ca: TestCa;
  let idp: TestOidcProvider;
  const started: TestOidcProvider[] = [];

  async function attempt(
    thumbprints: string[],
    trust: Partial<OidcTrustOptions> = {},
    on = idp,
  ): Promise<VerifyOutcome> {
    const { verifier } = makeVerifier(trust);
    try {
      return await verifier.verify(await on.issueToken(), registrationOf(on, { thumbprints }), on.loginsKey);
    } finally {
      verifier.close();
    }
  }
  async function serve(options: TestOidcProviderOptions): Promise<TestOidcProvider> {
    const p = await startTestOidcProvider(options);
    started.push(p);
    return p;
  }

  beforeAll(async () => {
    ca = await sharedTestCa();
    idp = await serve({});
  });
  afterAll(async () => {
    await Promise.all(started.map((p) => p.stop()));
  });

  it("accepts a thumbprint of the leaf, of the intermediate, in any case", async () => {
    expect(reasonOf(await attempt([ca.leaf.thumbprint]))).toBe("accepted");
    expect(reasonOf(await attempt([ca.intermediate.thumbprint]))).toBe("accepted");
    expect(reasonOf(await attempt(["0".repeat(40), ca.intermediate.thumbprint.toUpperCase()]))).toBe("accepted");
  });

  it("accepts the root's thumbprint when the chain reaches it in the trust store, not otherwise", async () => {
    expect(reasonOf(await attempt([ca.root.thumbprint], { extraCaPem: ca.root.certPem }))).toBe("accepted");
    expect(reasonOf(await attempt([ca.root.thumbprint]))).toBe("thumbprint_mismatch");
  });

  it("refuses a wrong thumbprint and lists what the server presented", async () => {
    const outcome = await attempt(["ab".repeat(20)]);
    expect(outcome.ok ? undefined : outcome.rejection.reason).toBe("thumbprint_mismatch");
    expect(outcome.ok ? "" : outcome.rejection.detail).toContain(ca.intermediate.thumbprint);
  });

  it("without thumbprints, trusts exactly the trust store (system roots plus extra CA)", async () => {
    expect(reasonOf(await attempt([], { extraCaPem: ca.root.certPem }))).toBe("accepted");
    expect(reasonOf(await attempt([]))).toBe("untrusted_tls");
    expect(reasonOf(await attempt([], { extraCaPem: ca.otherRoot.certPem }))).toBe("untrusted_tls");
  });

  it("with --trust-public-ca, accepts a trusted chain whose thumbprints do not match", async () => {
    const wrong = ["ab".repeat(20)];
    expect(reasonOf(await attempt(wrong, { trustPublicCa: true, extraCaPem: ca.root.certPem }))).toBe("accepted");
    expect(reasonOf(await attempt(wrong, { trustPublicCa: true }))).toBe("thumbprint_mismatch");
  });

  it("checks the host name even when a thumbprint matches", async () => {
    const wrongHost = await serve({ chain: "wrong-host" });
    expect(reasonOf(await attempt([ca.intermediate.thumbprint], {}, wrongHost))).toBe("hostname_mismatch");
    expect(reasonOf(await attempt([ca.wrongHostLeaf.thumbprint], {}, wrongHost))).toBe("hostname_mismatch");
    expect(reasonOf(await attempt([], { extraCaPem: ca.root.certPem }, wrongHost))).toBe("hostname_mismatch");
  });

  it("accepts a pinned self-managed chain outside every trust store (AWS's legacy thumbprint rule)", async () => {
    const untrusted = await serve({ chain: "untrusted" });
    expect(reasonOf(await attempt([ca.otherLeaf.thumbprint], {}, untrusted))).toBe("accepted");
    expect(reasonOf(await attempt([], { extraCaPem: ca.root.certPem }, untrusted))).toBe("untrusted_tls");
  });

  it("refuses a forged chain: an impostor's leaf followed by a copy of the pinned intermediate", async () => {
    const forged = await serve({ customChain: { keyPem: ca.forgedLeaf.keyPem, certPem: ca.forgedChainPem } });
    const outcome = await attempt([ca.intermediate.thumbprint], {}, forged);
    expect(outcome.ok ? undefined : outcome.rejection.reason).toBe("thumbprint_mismatch");
    // The intermediate was presented and linked by name; only the signature check refused it.
    expect(outcome.ok ? "" : outcome.rejection.detail).toContain(ca.intermediate.thumbprint);
  });

  it("checks the jwks_uri host too, against the same thumbprints", async () => {
    const keysHost = await serve({ chain: "untrusted" });
    const front = await serve({});
    front.setOverride((req, res) => {
      if (req.url !== front.discoveryPath) return false;
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ issuer: front.url, jwks_uri: `${keysHost.url}${keysHost.jwksPath}` }));
      return true;
    });
    const check = async (thumbprints: string[]) => {
      const { verifier } = makeVerifier();
      const token = await keysHost.issueToken({ iss: front.url });
      const outcome = await verifier.verify(token, registrationOf(front, { thumbprints }), front.loginsKey);
      verifier.close();
      return outcome;
    };
    const onlyFront = await check([ca.intermediate.thumbprint]);
    expect(onlyFront.ok ? "" : onlyFront.rejection.detail).toContain(
      `localhost chain thumbprints [${ca.otherLeaf.thumbprint}]`,
    );
    expect(reasonOf(await check([ca.intermediate.thumbprint, ca.otherLeaf.thumbprint]))).toBe("accepted");
    // The refused connection never got as far as sending its request.
    expect(keysHost.requestCount(keysHost.jwksPath)).toBe(1);
  });

  it("refuses http:// providers unless allowed, and then fetches them without TLS", async () => {
    const plain = await serve({ http: true });
    expect(reasonOf(await attempt([], {}, plain))).toBe("untrusted_tls");
    expect(reasonOf(await attempt([], { allowHttpProviders: true }, plain))).toBe("accepted");
  });

  it("refuses an extra CA file without certificates at start-up", () => {
    expect(() => makeVerifier({ extraCaPem: "not a certificate" })).toThrow(/no PEM certificate/);
  });
});
