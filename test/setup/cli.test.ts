import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerSetupCommand } from "../../src/cli/setup.js";
import { applySetupFile, exportSetup, httpCaller, registryCaller, setupJsonSchemaText } from "../../src/setup/index.js";
import type { Logger } from "../../src/shared/index.js";
import { runCli } from "../cli/cli-harness.js";
import { startTestServer, TEST_ROOT, type TestServer } from "../support/server.js";
import { ACCOUNT, lineOf, setupYaml } from "./fixture.js";
import { registryOver, silent } from "./registry.js";

const ENV = {
  IDPOOL_ROOT_ACCESS_KEY_ID: TEST_ROOT.accessKeyId,
  IDPOOL_ROOT_SECRET_ACCESS_KEY: TEST_ROOT.secretAccessKey,
};

describe("idpool setup", () => {
  let server: TestServer;
  let dir: string;
  beforeAll(async () => {
    server = await startTestServer();
    dir = mkdtempSync(join(tmpdir(), "idpool-setup-"));
  });
  afterAll(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("apply FILE applies through the endpoint with the root credentials from the environment, then says no changes", async () => {
    const file = join(dir, "setup.yaml");
    writeFileSync(file, setupYaml());
    const args = ["setup", "apply", file, "--endpoint", server.url];
    const first = await runCli(registerSetupCommand, args, { env: ENV });
    expect(first).toMatchObject({ exitCode: 0, err: "" });
    expect(first.out).toMatch(/^created 4: OpenID Connect provider https:\/\/login\.example\.com, role PoolUser, /);
    expect(await runCli(registerSetupCommand, args, { env: ENV })).toEqual({
      out: "no changes (4 unchanged)\n",
      err: "",
      exitCode: 0,
    });
  });

  it("export writes YAML or JSON, to standard output or a file", async () => {
    const expected = await exportSetup(
      httpCaller({ endpoint: server.url, region: "us-east-1", credentials: TEST_ROOT }),
    );
    const yaml = await runCli(registerSetupCommand, ["setup", "export", "--endpoint", server.url], { env: ENV });
    expect(yaml).toEqual({ out: expected, err: "", exitCode: 0 });
    const output = join(dir, "export.json");
    const args = ["setup", "export", "--endpoint", server.url, "--format", "json", "--output", output];
    expect(await runCli(registerSetupCommand, args, { env: ENV })).toEqual({ out: "", err: "", exitCode: 0 });
    expect(JSON.parse(readFileSync(output, "utf8"))).toMatchObject({ identityPools: [{ name: "Shop" }] });
  });

  it("exits 1 with FILE:LINE: PATH for a refused file, and 2 without credentials", async () => {
    const file = join(dir, "bad.yaml");
    const text = setupYaml().replace("matchType: Contains", "matchType: Contain");
    writeFileSync(file, text);
    const bad = await runCli(registerSetupCommand, ["setup", "apply", file, "--endpoint", server.url], { env: ENV });
    expect(bad.exitCode).toBe(1);
    expect(bad.err).toBe(
      `idpool setup apply: ${file}:${lineOf(text, "matchType: Contain")}: ` +
        'identityPools[0].roleMappings["login.example.com"].rulesConfiguration.rules[2].matchType: ' +
        'must be one of Equals, Contains, StartsWith, NotEqual, not "Contain"\n',
    );
    const anonymous = await runCli(registerSetupCommand, ["setup", "export", "--endpoint", server.url], { env: {} });
    expect(anonymous.exitCode).toBe(2);
    expect(anonymous.err).toMatch(/^idpool setup export: no credentials: set IDPOOL_ROOT_ACCESS_KEY_ID/);
  });

  it("schema prints the JSON Schema that ships in schema/setup.schema.json", async () => {
    expect(await runCli(registerSetupCommand, ["setup", "schema"])).toEqual({
      out: setupJsonSchemaText(),
      err: "",
      exitCode: 0,
    });
  });

  it("applySetupFile (for --setup) applies in-process, logs the outcome and hands back the test providers", async () => {
    const file = join(dir, "dev.yaml");
    writeFileSync(file, `${setupYaml()}testProviders:\n  - name: local\n    users: [{ sub: alice }]\n`);
    const lines: { obj: object; msg?: string }[] = [];
    const log: Logger = { ...silent, info: (obj, msg) => lines.push(msg === undefined ? { obj } : { obj, msg }) };
    const caller = registryCaller(registryOver(server.app.store), silent, { accountId: ACCOUNT, accessKeyId: "setup" });
    const applied = await applySetupFile(caller, file, log);
    expect(applied.testProviders).toEqual([{ name: "local", users: [{ sub: "alice" }] }]);
    expect(lines).toEqual([
      {
        obj: { setup: file, created: [], updated: [], deleted: [], unchanged: 4 },
        msg: "setup file: no changes",
      },
    ]);
  });
});
