import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerThumbprintCommand } from "../../src/cli/thumbprint.js";
import { startTestOidcProvider, type TestOidcProvider } from "../support/oidc-provider.js";
import { runCli } from "./cli-harness.js";

describe("idpool thumbprint", () => {
  let idp: TestOidcProvider;
  beforeAll(async () => {
    idp = await startTestOidcProvider();
  });
  afterAll(() => idp.stop());

  it("prints the served chain with thumbprints and marks the last one served", async () => {
    const run = await runCli(registerThumbprintCommand, ["thumbprint", idp.url]);
    expect(run.exitCode).toBe(0);
    const { leaf, intermediate, root } = idp.ca;
    expect(run.out).toContain(`discovery host: ${idp.url}/.well-known/openid-configuration`);
    expect(run.out).toContain(`thumbprint: ${leaf.thumbprint}`);
    expect(run.out).toContain(`thumbprint: ${intermediate.thumbprint}`);
    expect(run.out).not.toContain(root.thumbprint); // not served, not in the trust store
    expect(run.out).toMatch(/\[1\] served {3}<- AWS would store this thumbprint/);
    expect(run.out).toContain("subject:    CN=idpool test intermediate CA");
    expect(run.out).toContain("chain does NOT verify (UNABLE_TO_GET_ISSUER_CERT_LOCALLY)");
    expect(run.out).toContain("host name:   matches the certificate");
    expect(run.out).toContain(`jwks_uri host: ${idp.url}/.well-known/jwks.json (the discovery host: same chain)`);
    expect(run.out).toContain(`thumbprints to register: ${intermediate.thumbprint}\n`);
  });

  it("with --extra-ca-file, verifies the chain and lists the trust-store root", async () => {
    const dir = await mkdtemp(join(tmpdir(), "idpool-thumbprint-"));
    const file = join(dir, "extra-ca.pem");
    await writeFile(file, idp.ca.root.certPem);
    const run = await runCli(registerThumbprintCommand, ["thumbprint", idp.url, "--extra-ca-file", file]);
    await rm(dir, { recursive: true });
    expect(run.out).toContain("trust store: chain verifies");
    expect(run.out).toContain(`[2] trust store\n      subject:    CN=idpool test root CA`);
    expect(run.out).toContain(`thumbprint: ${idp.ca.root.thumbprint}`);
    expect(run.out).toContain(`thumbprints to register: ${idp.ca.intermediate.thumbprint}\n`);
  });

  it("prints the jwks_uri host's chain too when it is another host", async () => {
    const keysHost = await startTestOidcProvider({ chain: "untrusted" });
    const front = await startTestOidcProvider();
    front.setOverride((req, res) => {
      if (req.url !== front.discoveryPath) return false;
      res.writeHead(200).end(JSON.stringify({ issuer: front.url, jwks_uri: `${keysHost.url}${keysHost.jwksPath}` }));
      return true;
    });
    const run = await runCli(registerThumbprintCommand, ["thumbprint", front.url]);
    expect(run.out).toContain(`jwks_uri host: ${keysHost.url}${keysHost.jwksPath}\n`);
    expect(run.out).toContain(
      `thumbprints to register: ${idp.ca.intermediate.thumbprint} ${idp.ca.otherLeaf.thumbprint}\n`,
    );
    await Promise.all([front.stop(), keysHost.stop()]);
  });

  it("fails with exit code 1 when nothing listens", async () => {
    const run = await runCli(registerThumbprintCommand, ["thumbprint", "https://127.0.0.1:1"]);
    expect(run.exitCode).toBe(1);
    expect(run.err).toContain("cannot connect to https://127.0.0.1:1");
  });
});
