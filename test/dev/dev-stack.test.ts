import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { CognitoIdentityClient, GetIdCommand, GetOpenIdTokenCommand } from "@aws-sdk/client-cognito-identity";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { fromCognitoIdentityPool } from "@aws-sdk/credential-providers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_POOL_GUID, type RunningApp, startApp } from "../../src/app/index.js";
import { createLogger } from "../../src/app/logger.js";
import { registerDoctorCommand } from "../../src/cli/doctor.js";
import { loadDevConfig } from "../../src/config/index.js";
import { BREAK_RULES, type BreakRule } from "../../src/dev/index.js";
import { runCli } from "../cli/cli-harness.js";
import { errorOf } from "../support/server.js";

/**
 * `idpool dev` end to end, in-process: the built-in test provider, the default setup and tokens
 * that break each rule, through the official SDK clients.
 */
const quiet = () => createLogger("silent", new Writable({ write: (_c, _e, done) => done() }));
const POOL = `us-east-1:${DEV_POOL_GUID}`;

async function startDev(dataDir: string, extra: Record<string, string> = {}): Promise<RunningApp> {
  const { config } = loadDevConfig({ port: "0", dataDir, ...extra }, {});
  return startApp({ config, log: quiet(), dev: {} });
}

async function mint(
  app: RunningApp,
  body: Record<string, unknown>,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${app.url}/dev/idp/dev/mint`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

let dataDir: string;
let app: RunningApp;
let cognito: CognitoIdentityClient;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "idpool-dev-test-"));
  app = await startDev(dataDir);
  cognito = new CognitoIdentityClient({ endpoint: app.url, region: "us-east-1", maxAttempts: 1 });
});
afterAll(async () => {
  cognito?.destroy();
  await app?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const loginsKey = () => `${new URL(app.url).host}/dev/idp/dev`;

describe("idpool dev", () => {
  it("gets from nothing to credentials: a minted token, the default pool, fromCognitoIdentityPool, GetCallerIdentity", async () => {
    const { json } = await mint(app, { sub: "alice" });
    const token = String(json.id_token);
    const credentials = await fromCognitoIdentityPool({
      identityPoolId: POOL,
      logins: { [loginsKey()]: token },
      clientConfig: { endpoint: app.url, region: "us-east-1" },
    })();
    expect(credentials.accessKeyId).toMatch(/^ASIA/);
    const sts = new STSClient({ endpoint: app.url, region: "us-east-1", credentials, maxAttempts: 1 });
    try {
      const caller = await sts.send(new GetCallerIdentityCommand({}));
      expect(caller.Arn).toBe("arn:aws:sts::000000000000:assumed-role/dev-authenticated/CognitoIdentityCredentials");
    } finally {
      sts.destroy();
    }
    // Guests and the classic flow are on in the default pool.
    const guest = await cognito.send(new GetIdCommand({ IdentityPoolId: POOL }));
    const open = await cognito.send(new GetOpenIdTokenCommand({ IdentityId: guest.IdentityId }));
    expect(open.Token).toBeTruthy();
  });

  it("refuses a token that breaks each rule with Cognito's error, accepts the unbroken one, and doctor names the rule", async () => {
    const expected: Record<BreakRule, [string, RegExp, string]> = {
      issuer: ["NotAuthorizedException", /^Invalid login token\. Issuer doesn't match providerName$/, "issuer"],
      signature: ["NotAuthorizedException", /^Invalid login token\. Couldn't verify signed token\.$/, "signature"],
      "unknown-key": ["NotAuthorizedException", /^Invalid login token\. Couldn't verify signed token\.$/, "signature"],
      audience: ["NotAuthorizedException", /^Invalid login token\. Incorrect token audience\.$/, "audience"],
      azp: ["NotAuthorizedException", /^Invalid login token\. Incorrect token audience\.$/, "audience"],
      expired: ["NotAuthorizedException", /^Invalid login token\. Token expired: \d+ >= \d+$/, "lifetime"],
      "not-yet-valid": [
        "NotAuthorizedException",
        /^Invalid login token\. Not a valid OpenId Connect identity token\.$/,
        "lifetime",
      ],
      "alg-none": [
        "NotAuthorizedException",
        /^Invalid login token\. Not a valid OpenId Connect identity token\.$/,
        "algorithm",
      ],
      hs256: [
        "NotAuthorizedException",
        /^Invalid login token\. Not a valid OpenId Connect identity token\.$/,
        "algorithm",
      ],
    };
    const doctorArgs = [
      "--provider-url",
      `${app.url}/dev/idp/dev`,
      "--client-id",
      "dev-client",
      "--allow-http-providers",
    ];
    for (const rule of BREAK_RULES) {
      const { status, json } = await mint(app, { sub: `broken-${rule}`, break: rule });
      expect(status).toBe(200);
      const token = String(json.id_token);
      const error = await errorOf(() =>
        cognito.send(new GetIdCommand({ IdentityPoolId: POOL, Logins: { [loginsKey()]: token } })),
      );
      const [name, message, doctorRule] = expected[rule];
      expect([rule, error.name]).toEqual([rule, name]);
      expect(error.message).toMatch(message);
      const run = await runCli(registerDoctorCommand, ["doctor", token, ...doctorArgs]);
      expect([rule, run.exitCode]).toEqual([rule, 1]);
      expect(run.out).toMatch(new RegExp(`\\n  FAIL  ${doctorRule}`));
    }
    const good = String((await mint(app, { sub: "unbroken" })).json.id_token);
    const ok = await cognito.send(new GetIdCommand({ IdentityPoolId: POOL, Logins: { [loginsKey()]: good } }));
    expect(ok.IdentityId).toMatch(/^us-east-1:/);
    const run = await runCli(registerDoctorCommand, ["doctor", good, ...doctorArgs]);
    expect(run.exitCode).toBe(0);
  });

  it("answers a bad mint with a 400 naming the member", async () => {
    const { status, json } = await mint(app, { ttlSeconds: 5 });
    expect(status).toBe(400);
    expect(json.member).toBe("sub");
  });

  it("keeps its identities and test-provider keys across a restart, and the default setup changes nothing", async () => {
    const token = String((await mint(app, { sub: "restart" })).json.id_token);
    const before = await cognito.send(new GetIdCommand({ IdentityPoolId: POOL, Logins: { [loginsKey()]: token } }));
    const port = new URL(app.url).port;
    await app.stop();
    app = await startDev(dataDir, { port });
    cognito.destroy();
    cognito = new CognitoIdentityClient({ endpoint: app.url, region: "us-east-1", maxAttempts: 1 });
    const after = await cognito.send(new GetIdCommand({ IdentityPoolId: POOL, Logins: { [loginsKey()]: token } }));
    expect(after.IdentityId).toBe(before.IdentityId);
  });
});

describe("idpool dev --seed", () => {
  it("gives the same pool and identity ids in two runs with the same seed", async () => {
    const runOnce = async () => {
      const dir = mkdtempSync(join(tmpdir(), "idpool-dev-seed-"));
      const { config } = loadDevConfig({ port: "0", dataDir: dir, seed: "7" }, {});
      const { seededIds } = await import("../../src/shared/index.js");
      const running = await startApp({ config, log: quiet(), ids: seededIds(7), dev: {} });
      const client = new CognitoIdentityClient({ endpoint: running.url, region: "us-east-1", maxAttempts: 1 });
      try {
        const a = await client.send(new GetIdCommand({ IdentityPoolId: POOL }));
        const b = await client.send(new GetIdCommand({ IdentityPoolId: POOL }));
        return [a.IdentityId, b.IdentityId];
      } finally {
        client.destroy();
        await running.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    };
    const first = await runOnce();
    expect(new Set(first).size).toBe(2);
    expect(await runOnce()).toEqual(first);
  });
});

describe("idpool serve", () => {
  it("never serves /dev/: no test provider, no mint, no browser example", async () => {
    const { startTestServer } = await import("../support/server.js");
    const serve = await startTestServer();
    try {
      const discovery = await fetch(`${serve.url}/dev/idp/dev/.well-known/openid-configuration`);
      expect(discovery.status).toBe(404);
      const minted = await fetch(`${serve.url}/dev/idp/dev/mint`, { method: "POST", body: '{"sub":"x"}' });
      expect(minted.status).toBeGreaterThanOrEqual(400);
      expect(await minted.text()).not.toContain("id_token");
      for (const path of ["/dev/example/", "/dev/example/index.html", "/dev/example/dist/app.js"]) {
        const example = await fetch(`${serve.url}${path}`);
        expect([path, example.status]).toEqual([path, 404]);
        expect(example.headers.get("content-type")).not.toContain("text/html");
        await example.body?.cancel();
      }
    } finally {
      await serve.stop();
    }
  });
});
