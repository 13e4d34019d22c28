import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { IAMClient, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningGateway, startGateway } from "../../src/app/gateway.js";
import { type RunningApp, startApp } from "../../src/app/index.js";
import { createLogger } from "../../src/app/logger.js";
import { loadDevConfig, loadGatewayConfig } from "../../src/config/index.js";

/**
 * The README's "Protect your own API with idpool credentials", run as written: `idpool dev`, the
 * example API, `idpool gateway` on the dev store, the example policy, and the example client.
 */
const run = promisify(execFile);
const root = fileURLToPath(new URL("../..", import.meta.url));
const quiet = () => createLogger("silent", new Writable({ write: (_c, _e, done) => done() }));

let dataDir: string;
let dev: RunningApp;
let gateway: RunningGateway;
let api: ChildProcess;
let apiUrl: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "idpool-gateway-example-"));
  dev = await startApp({ config: loadDevConfig({ port: "0", dataDir }, {}).config, log: quiet(), dev: {} });
  api = spawn(process.execPath, ["examples/gateway/api.mjs"], { cwd: root, env: { ...process.env, PORT: "0" } });
  apiUrl = await new Promise<string>((resolve, reject) => {
    api.stdout?.on("data", (d: Buffer) => {
      const match = /listening on (http:\/\/\S+)/.exec(d.toString());
      if (match?.[1]) resolve(match[1]);
    });
    api.on("exit", (code) => reject(new Error(`the example API exited with ${code}`)));
  });
  gateway = await startGateway({ ...loadGatewayConfig({ upstream: apiUrl, port: "0", dataDir }, {}), log: quiet() });
});
afterAll(async () => {
  await gateway?.stop();
  api?.kill();
  await dev?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the README's gateway example, run unchanged", () => {
  it("shows the example's files in the README", () => {
    const readme = readFileSync(`${root}/README.md`, "utf8");
    const section = readme.slice(readme.indexOf("## Protect your own API with idpool credentials"));
    const policy = readFileSync(`${root}/examples/gateway/invoke-policy.json`, "utf8");
    for (const line of policy.split("\n").filter((l) => l.trim())) expect(section).toContain(line);
    expect(section).toContain("npx idpool gateway --upstream http://127.0.0.1:8080 --data-dir ./.idpool-dev");
    expect(section).toContain("examples/gateway/call-api.mjs");
  });

  it("lets alice reach the public path and her own data, and not someone else's", async () => {
    const iam = new IAMClient({ endpoint: dev.url, region: "us-east-1", credentials: dev.rootCredentials });
    try {
      await iam.send(
        new PutRolePolicyCommand({
          RoleName: "dev-authenticated",
          PolicyName: "invoke",
          PolicyDocument: readFileSync(`${root}/examples/gateway/invoke-policy.json`, "utf8"),
        }),
      );
    } finally {
      iam.destroy();
    }
    const minted = await fetch(`${dev.url}/dev/idp/dev/mint`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ sub: "alice" }),
    });
    const token = String(((await minted.json()) as { id_token: string }).id_token);
    const { stdout } = await run(process.execPath, ["examples/gateway/call-api.mjs"], {
      cwd: root,
      env: {
        ...process.env,
        TOKEN: token,
        IDPOOL_ENDPOINT: dev.url,
        GATEWAY_URL: gateway.url,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      },
    });
    const [hello, own, other] = stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(hello).toMatchObject({ status: 200, body: { method: "GET", path: "/public/hello" } });
    expect(hello.body.caller.roleArn).toBe("arn:aws:iam::000000000000:role/dev-authenticated");
    expect(own.status).toBe(200);
    expect(own.body.caller.identityId).toMatch(/^us-east-1:[0-9a-f-]{36}$/);
    expect(own.body.path).toBe(`/users/${own.body.caller.identityId}/profile`);
    expect(other.status).toBe(403);
    expect(other.body.message).toMatch(
      /is not authorized to perform: execute-api:Invoke on resource: .*\/GET\/users\/someone-else\/profile$/,
    );
  });
});
