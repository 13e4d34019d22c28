import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  ListIdentityPoolsCommand,
} from "@aws-sdk/client-cognito-identity";
import { ListRolesCommand } from "@aws-sdk/client-iam";
import { afterAll, describe, expect, it } from "vitest";
import { registerAuditCommand } from "../../src/cli/audit.js";
import { runCli } from "../cli/cli-harness.js";
import { startPoolFixture } from "../support/pool-fixture.js";
import { errorOf, startTestServer, type TestServer } from "../support/server.js";

const dir = mkdtempSync(join(tmpdir(), "idpool-audit-failure-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FAILED = "the audit trail cannot be written: events are lost (and counted) until it can";
const RECOVERED = "the audit trail can be written again";
const logged = (server: TestServer, msg: string) => server.logLines.filter((l) => l.msg === msg);
const readLines = (file: string) =>
  readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { event: Record<string, unknown> });

describe("audit trail that cannot be written", () => {
  it("logs once and keeps serving (a full disk: /dev/full)", async () => {
    const server = await startTestServer({ flags: { auditLog: "/dev/full" } });
    try {
      await server.cognito.send(new ListIdentityPoolsCommand({ MaxResults: 1 }));
      await expect.poll(() => logged(server, FAILED).length).toBe(1);
      for (let i = 0; i < 3; i++) {
        const out = await server.cognito.send(new ListIdentityPoolsCommand({ MaxResults: 1 }));
        expect(out.IdentityPools).toEqual([]);
      }
      expect(logged(server, FAILED)).toHaveLength(1);
      expect(logged(server, FAILED)[0]).toMatchObject({ level: 50, file: "/dev/full", err: { code: "ENOSPC" } });
    } finally {
      await server.stop();
    }
  });

  it("with --audit-required answers audited calls with the internal error, serves the rest, and recovers", async () => {
    const folder = join(dir, "logs");
    mkdirSync(folder);
    const trail = join(folder, "audit.log");
    const f = await startPoolFixture({ server: { flags: { auditLog: trail, auditRequired: true } } });
    try {
      const Logins = { [f.idp.loginsKey]: await f.idp.issueToken({ sub: "required-user" }) };
      const { IdentityId } = await f.server.cognito.send(new GetIdCommand({ IdentityPoolId: f.poolId, Logins }));
      // Rotation to a path that cannot be opened: the folder moved away, a plain file in its place.
      renameSync(folder, `${folder}-old`);
      writeFileSync(folder, "");
      process.kill(process.pid, "SIGHUP");
      await expect.poll(() => logged(f.server, FAILED).length).toBe(1);

      const signed = await errorOf(() => f.server.cognito.send(new ListIdentityPoolsCommand({ MaxResults: 1 })));
      expect([signed.name, signed.$metadata?.httpStatusCode]).toEqual(["InternalErrorException", 500]);
      const query = await errorOf(() => f.server.iam.send(new ListRolesCommand({})));
      expect([query.name, query.$metadata?.httpStatusCode]).toEqual(["InternalFailure", 500]);
      const issuing = await errorOf(() =>
        f.server.cognito.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins })),
      );
      expect([issuing.name, issuing.$metadata?.httpStatusCode]).toEqual(["InternalErrorException", 500]);
      // GetId grants nothing: served; its refused login cannot be recorded and is counted.
      const guest = await f.server.cognito.send(new GetIdCommand({ IdentityPoolId: f.poolId }));
      expect(guest.IdentityId).toMatch(/^us-east-1:/);
      const bad = { [f.idp.loginsKey]: await f.idp.issueToken({ aud: "someone-else" }) };
      const refused = await errorOf(() =>
        f.server.cognito.send(new GetIdCommand({ IdentityPoolId: f.poolId, Logins: bad })),
      );
      expect(refused.name).toBe("NotAuthorizedException");

      rmSync(folder);
      mkdirSync(folder);
      await expect.poll(() => logged(f.server, RECOVERED), { timeout: 5000 }).toHaveLength(1);
      // Lost while failing: the two signed calls refused (each an admin_call, unauthenticated) and the refused login.
      expect(logged(f.server, RECOVERED)[0]).toMatchObject({ lostEvents: 3 });
      const out = await f.server.cognito.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins }));
      expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA/);
      await expect.poll(() => readLines(trail).map((l) => l.event.type)).toEqual(["events_lost", "credentials_issued"]);
      expect(readLines(trail)[0]?.event).toEqual({ type: "events_lost", count: 3 });
    } finally {
      await f.stop();
    }
    const both = join(dir, "both.log");
    writeFileSync(both, readFileSync(join(`${folder}-old`, "audit.log"), "utf8") + readFileSync(trail, "utf8"));
    const run = await runCli(registerAuditCommand, ["audit", "verify", both]);
    expect(run.exitCode).toBe(0);
    expect(run.out).toContain("note: 3 events could not be written at the time (events_lost lines)");
  });
});
