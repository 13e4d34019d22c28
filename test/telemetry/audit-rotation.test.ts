import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CognitoIdentityClient, ListIdentityPoolsCommand } from "@aws-sdk/client-cognito-identity";
import { afterAll, describe, expect, it } from "vitest";
import { registerAuditCommand } from "../../src/cli/audit.js";
import { loadConfig } from "../../src/config/index.js";
import { runCli } from "../cli/cli-harness.js";
import { TEST_ROOT } from "../support/server.js";
import { spawnIdpool } from "../support/spawn-idpool.js";

const dir = mkdtempSync(join(tmpdir(), "idpool-audit-rotation-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ROOT_ENV = {
  IDPOOL_ROOT_ACCESS_KEY_ID: TEST_ROOT.accessKeyId,
  IDPOOL_ROOT_SECRET_ACCESS_KEY: TEST_ROOT.secretAccessKey,
};
const lineCount = (file: string) => readFileSync(file, "utf8").split("\n").filter(Boolean).length;
const verify = (...args: string[]) => runCli(registerAuditCommand, ["audit", "verify", ...args]);

describe("audit trail rotation and start-up", () => {
  it("reopens on SIGHUP after a rename, continues the chain in the new file, and writes all on SIGTERM", async () => {
    const trail = join(dir, "audit.log");
    const run = spawnIdpool(["serve", "--port", "0", "--data-dir", join(dir, "data"), "--audit-log", trail], ROOT_ENV);
    const url = await run.listening();
    const cognito = new CognitoIdentityClient({
      endpoint: url,
      region: "us-east-1",
      credentials: TEST_ROOT,
      maxAttempts: 1,
    });
    try {
      for (let i = 0; i < 2; i++) await cognito.send(new ListIdentityPoolsCommand({ MaxResults: 1 }));
      await expect.poll(() => lineCount(trail)).toBe(2);
      renameSync(trail, `${trail}.1`);
      run.child.kill("SIGHUP");
      await expect.poll(() => run.stdout()).toContain('"msg":"audit trail reopened"');
      for (let i = 0; i < 3; i++) await cognito.send(new ListIdentityPoolsCommand({ MaxResults: 1 }));
    } finally {
      cognito.destroy();
      run.child.kill("SIGTERM");
    }
    expect(await run.exited()).toBe(0);
    expect(lineCount(`${trail}.1`)).toBe(2);
    expect(lineCount(trail)).toBe(3);

    const rotated = await verify(`${trail}.1`);
    expect(rotated.exitCode).toBe(0);
    const lastOfRotated = /last hash ([0-9a-f]{64})/.exec(rotated.out)?.[1] ?? "";
    expect(await verify(trail, "--follows", lastOfRotated)).toMatchObject({ exitCode: 0 });
    expect((await verify(trail)).exitCode).toBe(1);
    const both = join(dir, "both.log");
    writeFileSync(both, readFileSync(`${trail}.1`, "utf8") + readFileSync(trail, "utf8"));
    expect((await verify(both)).out).toMatch(/^ok: 5 lines, last hash [0-9a-f]{64}\n$/);
  });

  it("refuses to start when the trail cannot be opened", async () => {
    const notADirectory = join(dir, "plain-file");
    writeFileSync(notADirectory, "");
    const run = spawnIdpool(
      ["serve", "--port", "0", "--data-dir", join(dir, "data-2"), "--audit-log", join(notADirectory, "audit.log")],
      ROOT_ENV,
    );
    expect(await run.exited()).toBe(1);
    expect(run.stderr()).toContain(
      `idpool: --audit-log: cannot open '${join(notADirectory, "audit.log")}' for appending`,
    );
  });

  it("refuses --audit-log with several workers: one chain has one writer", () => {
    expect(() => loadConfig({ auditLog: "audit.log", workers: "2" }, {})).toThrow(
      "--audit-log: cannot be combined with --workers 2",
    );
    expect(() => loadConfig({ workers: "2" }, { IDPOOL_AUDIT_LOG: "-" })).toThrow(
      "IDPOOL_AUDIT_LOG: cannot be combined with --workers 2",
    );
    expect(loadConfig({ auditLog: "audit.log", workers: "1" }, {}).telemetry.auditLog).toBe("audit.log");
  });
});
