import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerDoctorCommand } from "../../src/cli/doctor.js";
import { startTestOidcProvider, type TestOidcProvider } from "../support/oidc-provider.js";
import { type PoolFixture, startPoolFixture } from "../support/pool-fixture.js";
import { TEST_ROOT } from "../support/server.js";
import { runCli } from "./cli-harness.js";

describe("idpool doctor", () => {
  let idp: TestOidcProvider;
  beforeAll(async () => {
    idp = await startTestOidcProvider();
  });
  afterAll(() => idp.stop());
  const providerArgs = () => [
    "--provider-url",
    idp.url,
    "--client-id",
    "client-a",
    "--thumbprint",
    idp.ca.intermediate.thumbprint,
  ];

  it("explains an accepted token and exits 0, without printing the signature", async () => {
    const token = await idp.issueToken({ email: "a@example.com" });
    const run = await runCli(registerDoctorCommand, ["doctor", token, ...providerArgs()]);
    expect(run.exitCode).toBe(0);
    expect(run.out).toContain(`Header: {"alg":"RS256","typ":"JWT","kid":"${idp.currentKid()}"}`);
    expect(run.out).toContain('"email": "a@example.com"');
    for (const rule of ["shape", "algorithm", "issuer", "keys", "signature", "lifetime", "audience", "subject"]) {
      expect(run.out).toMatch(new RegExp(`\\n  pass  ${rule}`));
    }
    expect(run.out).toContain("TLS trusted by thumbprint");
    expect(run.out).toContain("Result: idpool would ACCEPT this token.");
    expect(run.out).not.toContain(token.split(".")[2]);
  });

  it("names the failing rule, the reason and the fix, and exits 1", async () => {
    const token = await idp.issueToken({ aud: "someone-else" });
    const run = await runCli(registerDoctorCommand, ["doctor", "-", ...providerArgs()], { stdin: `${token}\n` });
    expect(run.exitCode).toBe(1);
    expect(run.out).toMatch(
      / {2}FAIL {2}audience {3}aud "someone-else" contains no client id of the provider; registered client ids: "client-a" \[audience_mismatch\]/,
    );
    expect(run.out).toContain("fix: Add the token's aud");
    expect(run.out).toContain("Result: idpool would REFUSE this token (audience_mismatch).");
  });

  it("explains a TLS refusal with what to change", async () => {
    const token = await idp.issueToken();
    const run = await runCli(registerDoctorCommand, [
      "doctor",
      token,
      "--provider-url",
      idp.url,
      "--client-id",
      "client-a",
    ]);
    expect(run.exitCode).toBe(1);
    expect(run.out).toContain("[untrusted_tls]");
    expect(run.out).toContain("idpool thumbprint <url>");
    expect(run.out).toMatch(/skip {2}signature/);
  });

  it("says how to use it when it lacks a provider", async () => {
    const run = await runCli(registerDoctorCommand, ["doctor", "a.b.c"]);
    expect(run.exitCode).toBe(2);
    expect(run.err).toContain("give --provider-url");
  });

  describe("against a running idpool (--endpoint): IdpoolService.DiagnoseToken", () => {
    let f: PoolFixture;
    const env = () => ({
      IDPOOL_ROOT_ACCESS_KEY_ID: TEST_ROOT.accessKeyId,
      IDPOOL_ROOT_SECRET_ACCESS_KEY: TEST_ROOT.secretAccessKey,
    });
    const endpointArgs = () => ["--endpoint", f.server.url, "--pool-id", f.poolId];
    const diagnoseCalls = () =>
      f.server.logLines.filter((line) => line.msg === "request" && line.method === "POST" && line.path === "/").length;
    beforeAll(async () => {
      f = await startPoolFixture();
    });
    afterAll(() => f?.stop());

    it("has the server check the token, printed as the local mode prints it, and exits 0", async () => {
      const token = await f.idp.issueToken({ email: "e@example.com" });
      const calls = diagnoseCalls();
      const run = await runCli(registerDoctorCommand, ["doctor", token, ...endpointArgs()], { env: env() });
      expect(run.err).toBe("");
      expect(run.exitCode).toBe(0);
      expect(diagnoseCalls()).toBe(calls + 1);
      expect(run.out).toContain(`Header: {"alg":"RS256","typ":"JWT","kid":"${f.idp.currentKid()}"}`);
      expect(run.out).toContain('"email": "e@example.com"');
      expect(run.out).toContain(`Provider: ${f.idp.url} (logins key ${f.idp.loginsKey})`);
      expect(run.out).toContain(`  client ids:  ${f.idp.clientId}`);
      for (const rule of ["shape", "algorithm", "issuer", "keys", "signature", "lifetime", "audience", "subject"]) {
        expect(run.out).toMatch(new RegExp(`\\n  pass  ${rule}`));
      }
      expect(run.out).toContain("TLS trusted by thumbprint");
      expect(run.out).toContain("Result: idpool would ACCEPT this token.");
      expect(run.out).not.toContain(token.split(".")[2]);
      expect(run.out).not.toContain(TEST_ROOT.secretAccessKey);
      expect(JSON.stringify(f.server.logLines)).not.toContain(token.split(".")[2]);
    });

    it("names the failing rule, the reason and the fix, and exits 1", async () => {
      const token = await f.idp.issueToken({ aud: "someone-else" });
      const run = await runCli(registerDoctorCommand, ["doctor", "-", ...endpointArgs()], {
        env: env(),
        stdin: `${token}\n`,
      });
      expect(run.exitCode).toBe(1);
      expect(run.out).toMatch(
        / {2}FAIL {2}audience {3}aud "someone-else" contains no client id of the provider; .* \[audience_mismatch\]/,
      );
      expect(run.out).toContain("fix: Add the token's aud");
      expect(run.out).toContain("Result: idpool would REFUSE this token (audience_mismatch).");
    });

    it("says when the logins key names no provider of the pool, and exits 1", async () => {
      const token = await f.idp.issueToken();
      const run = await runCli(
        registerDoctorCommand,
        ["doctor", token, ...endpointArgs(), "--logins-key", "elsewhere.example.com"],
        { env: env() },
      );
      expect(run.exitCode).toBe(1);
      expect(run.out).toContain("Provider: none to check tokens with (logins key elsewhere.example.com)");
      expect(run.out).toContain(
        `FAIL  provider   logins key "elsewhere.example.com" names no provider of pool ${f.poolId} [not_supported]`,
      );
      expect(run.out).toContain("Result: idpool would REFUSE this token (not_supported).");
    });

    it("exits 2 with the server's error for a pool it does not have, or credentials it refuses", async () => {
      const token = await f.idp.issueToken();
      const unknown = await runCli(
        registerDoctorCommand,
        ["doctor", token, "--endpoint", f.server.url, "--pool-id", "us-east-1:00000000-0000-0000-0000-000000000000"],
        { env: env() },
      );
      expect(unknown.exitCode).toBe(2);
      expect(unknown.err).toContain("DiagnoseToken: ResourceNotFoundException: IdentityPool");
      const wrongSecret = await runCli(registerDoctorCommand, ["doctor", token, ...endpointArgs()], {
        env: { IDPOOL_ROOT_ACCESS_KEY_ID: TEST_ROOT.accessKeyId, IDPOOL_ROOT_SECRET_ACCESS_KEY: "wrong-secret" },
      });
      expect(wrongSecret.exitCode).toBe(2);
      expect(wrongSecret.err).toContain("DiagnoseToken: InvalidSignatureException");
    });

    it("needs credentials", async () => {
      const run = await runCli(registerDoctorCommand, [
        "doctor",
        "a.b.c",
        "--endpoint",
        f.server.url,
        "--pool-id",
        "p",
        "--logins-key",
        "x",
      ]);
      expect(run.exitCode).toBe(2);
      expect(run.err).toContain("IDPOOL_ROOT_ACCESS_KEY_ID");
    });
  });
});
