import { X509Certificate } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { sharedTestCa, type TestCa } from "../../test/support/test-ca.js";
import { chainAnchor, normalizeThumbprints, sha1Thumbprint, signedPrefix, splitPem } from "./tls-trust.js";

describe("tls-trust helpers", () => {
  let ca: TestCa;
  beforeAll(async () => {
    ca = await sharedTestCa();
  });

  it("normalises thumbprints: lower case, trimmed, unique, sorted", () => {
    expect(normalizeThumbprints(["BB", " aa ", "bb"])).toEqual(["aa", "bb"]);
  });

  it("computes SHA-1 of the DER as 40 lower-case hex digits", () => {
    const cert = new X509Certificate(ca.intermediate.certPem);
    expect(sha1Thumbprint(cert.raw)).toBe(ca.intermediate.thumbprint);
    expect(cert.fingerprint.replaceAll(":", "").toLowerCase()).toBe(ca.intermediate.thumbprint);
  });

  it("keeps only the part of a chain in which each certificate signs the previous", () => {
    const [leaf, intermediate, root, forged] = [ca.leaf, ca.intermediate, ca.root, ca.forgedLeaf].map(
      (c) => new X509Certificate(c.certPem),
    );
    if (!leaf || !intermediate || !root || !forged) throw new Error("missing");
    expect(signedPrefix([leaf, intermediate, root]).length).toBe(3);
    expect(signedPrefix([forged, intermediate, root]).length).toBe(1);
    expect(signedPrefix([leaf, root]).length).toBe(1);
    expect(signedPrefix([])).toEqual([]);
  });

  it("anchors a chain at the top of its signed part, a lone certificate at its issuer's name", () => {
    const [leaf, intermediate, root, forged] = [ca.leaf, ca.intermediate, ca.root, ca.forgedLeaf].map(
      (c) => new X509Certificate(c.certPem),
    );
    if (!leaf || !intermediate || !root || !forged) throw new Error("missing");
    expect(chainAnchor([leaf, intermediate])).toEqual({
      id: `sha256:${intermediate.fingerprint256}`,
      name: `CN=idpool test intermediate CA (SHA-256 ${intermediate.fingerprint256})`,
    });
    expect(chainAnchor([leaf, intermediate, root])?.id).toBe(`sha256:${root.fingerprint256}`);
    // A leaf forged under the intermediate's name is anchored elsewhere than the real chain.
    expect(chainAnchor([forged, intermediate])).toEqual({
      id: "issuer:CN=idpool test intermediate CA",
      name: "issued by CN=idpool test intermediate CA",
    });
    expect(chainAnchor([])).toBeUndefined();
  });

  it("splits a PEM bundle", () => {
    expect(splitPem(ca.leafChainPem).length).toBe(2);
    expect(splitPem("nothing")).toEqual([]);
  });
});
