import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestOidcProvider, type TestOidcProvider } from "../support/oidc-provider.js";
import { startTestServer, TEST_ROOT, type TestServer } from "../support/server.js";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../..", import.meta.url));
let server: TestServer;
let idp: TestOidcProvider;
beforeAll(async () => {
  // The test CA is not in the system trust store; thumbprint pinning is what trusts it here.
  server = await startTestServer();
  idp = await startTestOidcProvider();
});
afterAll(async () => {
  await server?.stop();
  await idp?.stop();
});

const env = () => ({
  ...process.env,
  IDPOOL_ENDPOINT: server.url,
  AWS_ACCESS_KEY_ID: TEST_ROOT.accessKeyId,
  AWS_SECRET_ACCESS_KEY: TEST_ROOT.secretAccessKey,
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
});

describe("the README's examples, run unchanged", () => {
  it("shows create-pool.mjs in the README and it creates a provider, a pool and a role", async () => {
    const readme = readFileSync(`${root}/README.md`, "utf8");
    const example = readFileSync(`${root}/examples/create-pool.mjs`, "utf8");
    // Every line of the README's code block is in the example file that is run here.
    const section = readme.slice(readme.indexOf("## Use it with the AWS SDK"));
    const block = /```js\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
    expect(block).toContain("CreateIdentityPoolCommand");
    for (const line of block.split("\n").filter((l) => l.trim())) expect(example).toContain(line);
    const { stdout } = await run(process.execPath, ["examples/create-pool.mjs"], { cwd: root, env: env() });
    const out = JSON.parse(stdout) as Record<string, string>;
    expect(out.providerArn).toBe("arn:aws:iam::000000000000:oidc-provider/login.example.com");
    expect(out.identityPoolId).toMatch(/^us-east-1:[0-9a-f-]{36}$/);
    expect(out.roleArn).toBe("arn:aws:iam::000000000000:role/MyPoolAuthenticated");
  });

  it("walks from an ID token to credentials and GetCallerIdentity", async () => {
    const { stdout } = await run(process.execPath, ["examples/walkthrough.mjs"], {
      cwd: root,
      env: {
        ...env(),
        IDP_URL: idp.url,
        IDP_CLIENT_ID: idp.clientId,
        IDP_THUMBPRINT: idp.ca.intermediate.thumbprint,
        ID_TOKEN: await idp.issueToken({ sub: "walker" }),
      },
    });
    const out = JSON.parse(stdout) as Record<string, string>;
    expect(out.IdentityId).toMatch(/^us-east-1:/);
    expect(out.Arn).toBe("arn:aws:sts::000000000000:assumed-role/WalkthroughAuthenticated/CognitoIdentityCredentials");
  });
});
