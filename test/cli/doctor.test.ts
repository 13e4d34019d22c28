import { createServer, type IncomingMessage, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerDoctorCommand } from "../../src/cli/doctor.js";
import { startTestOidcProvider, type TestOidcProvider } from "../support/oidc-provider.js";
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

  describe("against a running idpool (--endpoint)", () => {
    let fake: Server;
    let endpoint: string;
    const seen: { target: string | undefined; authorization: string | undefined; body: string }[] = [];
    beforeAll(async () => {
      fake = createServer((req: IncomingMessage, res) => {
        let body = "";
        req.on("data", (chunk: Buffer) => {
          body += chunk.toString("utf8");
        });
        req.on("end", () => {
          const target = req.headers["x-amz-target"] as string | undefined;
          seen.push({ target, authorization: req.headers.authorization, body });
          if (target === "AWSCognitoIdentityService.DescribeIdentityPool") {
            res.writeHead(200, { "content-type": "application/x-amz-json-1.1" });
            const arns = [
              "arn:aws:iam::000000000000:oidc-provider/other.example",
              `arn:aws:iam::000000000000:oidc-provider/${idp.loginsKey}`,
            ];
            return res.end(JSON.stringify({ IdentityPoolId: "us-east-1:p", OpenIdConnectProviderARNs: arns }));
          }
          res.writeHead(200, { "content-type": "text/xml" });
          res.end(
            `<GetOpenIDConnectProviderResponse><GetOpenIDConnectProviderResult><Url>${idp.loginsKey}</Url>` +
              "<ClientIDList><member>client-a</member></ClientIDList>" +
              `<ThumbprintList><member>${idp.ca.intermediate.thumbprint.toUpperCase()}</member></ThumbprintList>` +
              "</GetOpenIDConnectProviderResult></GetOpenIDConnectProviderResponse>",
          );
        });
      });
      await new Promise<void>((resolve) => fake.listen(0, "127.0.0.1", resolve));
      const address = fake.address();
      endpoint = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    });
    afterAll(() => new Promise<void>((resolve) => fake.close(() => resolve())));

    it("reads the registration with signed DescribeIdentityPool and GetOpenIDConnectProvider calls", async () => {
      const token = await idp.issueToken();
      const env = { IDPOOL_ROOT_ACCESS_KEY_ID: "AKIDROOT", IDPOOL_ROOT_SECRET_ACCESS_KEY: "root-secret" };
      const run = await runCli(
        registerDoctorCommand,
        ["doctor", token, "--endpoint", endpoint, "--pool-id", "us-east-1:p"],
        { env },
      );
      expect(run.err).toBe("");
      expect(run.exitCode).toBe(0);
      expect(run.out).toContain(`Provider: ${idp.url} (logins key ${idp.loginsKey})`);
      const [describe, get] = seen;
      expect(describe?.target).toBe("AWSCognitoIdentityService.DescribeIdentityPool");
      expect(describe?.body).toBe('{"IdentityPoolId":"us-east-1:p"}');
      expect(describe?.authorization).toMatch(
        /^AWS4-HMAC-SHA256 Credential=AKIDROOT\/\d{8}\/us-east-1\/cognito-identity\/aws4_request, SignedHeaders=\S*x-amz-target/,
      );
      expect(get?.body).toBe(
        `Action=GetOpenIDConnectProvider&Version=2010-05-08&OpenIDConnectProviderArn=${encodeURIComponent(`arn:aws:iam::000000000000:oidc-provider/${idp.loginsKey}`)}`,
      );
      expect(get?.authorization).toMatch(/Credential=AKIDROOT\/\d{8}\/us-east-1\/iam\/aws4_request/);
      expect(run.out).not.toContain("root-secret");
    });

    it("needs credentials", async () => {
      const run = await runCli(registerDoctorCommand, [
        "doctor",
        "a.b.c",
        "--endpoint",
        endpoint,
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
