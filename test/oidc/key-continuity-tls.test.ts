/**
 * The key-continuity watch on the TLS side, against the verifier with a real test provider whose
 * HTTPS server switches to a chain from a second test PKI (same CA names, other keys), and the
 * `jwks_fetch` events every fetch reports. Both CAs' intermediates are pinned, so the new chain is
 * trusted: only the change of CA is news.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ServiceEvent } from "../../src/shared/index.js";
import { startTestOidcProvider, type TestOidcProvider } from "../support/oidc-provider.js";
import { makeTestCa, sharedTestCa, type TestCa } from "../support/test-ca.js";
import { makeVerifier, reasonOf, registrationOf, type TestVerifier } from "./helpers.js";

describe("key-continuity watch: the keys' host changing CA", () => {
  let otherCa: TestCa;
  let idp: TestOidcProvider;
  let t: TestVerifier;
  let events: ServiceEvent[];
  beforeAll(async () => {
    await sharedTestCa();
    otherCa = await makeTestCa();
  });
  afterEach(async () => {
    t.verifier.close();
    await idp.stop();
  });

  async function start(mode: "warn" | "refuse") {
    idp = await startTestOidcProvider();
    events = [];
    t = makeVerifier({}, { onKeyDiscontinuity: mode, events: { emit: (e) => events.push(e) } });
    const registration = registrationOf(idp, {
      thumbprints: [idp.ca.intermediate.thumbprint, otherCa.intermediate.thumbprint],
    });
    const nowSeconds = () => Math.floor(t.clock.nowMs() / 1000);
    const verify = async (signingKid?: string) => {
      const claims = { iat: nowSeconds(), exp: nowSeconds() + 3600 };
      const token = await idp.issueToken(claims, signingKid ? { signingKid } : {});
      return t.verifier.verify(token, registration, idp.loginsKey);
    };
    expect(reasonOf(await verify())).toBe("accepted");
    return { verify, registration };
  }

  /** The provider moves to the other CA and publishes a new key beside the old one (a normal rotation). */
  async function moveToOtherCa(): Promise<{ oldKid: string; newKid: string }> {
    const oldKid = idp.currentKid();
    idp.setChain({ keyPem: otherCa.leaf.keyPem, certPem: otherCa.leafChainPem });
    const newKid = await idp.rotateKeys();
    t.clock.advanceMs(31_000); // past the unknown-kid cooldown
    return { oldKid, newKid };
  }

  const watchWarnings = () => t.logs.filter((l) => l.level === "warn" && /key-continuity watch/.test(l.msg ?? ""));

  it("warn mode: logs both CAs and both kid sets, reports tls_issuer_changed, and uses the new keys", async () => {
    const { verify } = await start("warn");
    const { oldKid, newKid } = await moveToOtherCa();
    expect(reasonOf(await verify())).toBe("accepted");
    const [warning, ...more] = watchWarnings();
    expect(more).toEqual([]);
    expect(warning?.obj).toMatchObject({
      provider: idp.url,
      kinds: ["tls_issuer_changed"],
      previousKids: [oldKid],
      newKids: [newKid, oldKid].sort(),
    });
    const { previousTlsIssuer, newTlsIssuer } = (warning?.obj ?? {}) as Record<string, string>;
    expect(previousTlsIssuer).toMatch(/^CN=idpool test intermediate CA \(SHA-256 [0-9A-F:]{95}\)$/);
    expect(newTlsIssuer).toMatch(/^CN=idpool test intermediate CA \(SHA-256 [0-9A-F:]{95}\)$/);
    expect(newTlsIssuer).not.toBe(previousTlsIssuer);
    expect(warning?.msg).toContain(`provider ${idp.url} now serves its keys under another CA`);
    expect(events.filter((e) => e.type === "key_discontinuity")).toEqual([
      {
        type: "key_discontinuity",
        provider: idp.url,
        kind: "tls_issuer_changed",
        previousKids: [oldKid],
        newKids: [newKid, oldKid].sort(),
        action: "warned",
      },
    ]);
  });

  it("refuse mode: the new key waits for acceptance, the old one verifies on", async () => {
    const { verify } = await start("refuse");
    const { oldKid, newKid } = await moveToOtherCa();
    const refused = await verify();
    expect(refused.ok ? "accepted" : refused.rejection.detail).toContain(
      `kid "${newKid}" is in the key set provider ${idp.url} published when it now serves its keys under another CA`,
    );
    expect(reasonOf(await verify(oldKid))).toBe("accepted");
    expect(events.filter((e) => e.type === "key_discontinuity")).toMatchObject([{ action: "refused" }]);
    expect(await t.verifier.acceptKeys(idp.url, ["nope"])).toEqual({
      ok: false,
      problem: "kids_differ",
      pendingKids: [newKid, oldKid].sort(),
    });
    expect(await t.verifier.acceptKeys(idp.url)).toEqual({ ok: true, acceptedKids: [newKid, oldKid].sort() });
    expect(reasonOf(await verify())).toBe("accepted");
    expect(await t.verifier.acceptKeys(idp.url)).toEqual({ ok: false, problem: "nothing_pending" });
  });

  it("reports every fetch as a jwks_fetch event, with the failure's reason", async () => {
    const { verify } = await start("warn");
    idp.setChain({ keyPem: idp.ca.otherLeaf.keyPem, certPem: idp.ca.otherChainPem }); // an unpinned CA
    await idp.rotateKeys();
    t.clock.advanceMs(31_000);
    // The last good keys still answer, and know no such kid.
    expect(reasonOf(await verify())).toBe("no_matching_key");
    idp.setDown(true);
    t.clock.advanceMs(31_000);
    expect(reasonOf(await verify())).toBe("no_matching_key");
    expect(events.filter((e) => e.type === "jwks_fetch").map((e) => e.type === "jwks_fetch" && e.result)).toEqual([
      "ok",
      "thumbprint_mismatch",
      "jwks_unreachable",
    ]);
  });
});
