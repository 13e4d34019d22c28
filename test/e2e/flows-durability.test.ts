import { mkdtempSync, rmSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetOpenIdTokenCommand,
} from "@aws-sdk/client-cognito-identity";
import { AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { decodeProtectedHeader } from "jose";
import { afterAll, describe, expect, it } from "vitest";
import { cognitoTrustPolicy, type PoolFixture, startPoolFixture } from "../support/pool-fixture.js";
import { startTestServer } from "../support/server.js";
import { spawnIdpool } from "../support/spawn-idpool.js";

const dataDir = mkdtempSync(join(tmpdir(), "idpool-restart-"));
const PUBLIC_URL = "http://idpool.test:4600";
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function stsWith(
  url: string,
  creds?: { AccessKeyId?: string | undefined; SecretKey?: string | undefined; SessionToken?: string | undefined },
): STSClient {
  return new STSClient({
    endpoint: url,
    region: "us-east-1",
    credentials: {
      accessKeyId: creds?.AccessKeyId ?? "unused",
      secretAccessKey: creds?.SecretKey ?? "unused",
      ...(creds?.SessionToken ? { sessionToken: creds.SessionToken } : {}),
    },
  });
}

describe("a restart on the same data directory", () => {
  it("keeps identities, credentials and OpenID tokens valid, and picks up a key rotation made by the CLI", async () => {
    const f: PoolFixture = await startPoolFixture({ server: { dataDir, flags: { publicUrl: PUBLIC_URL } } });
    const classicRole = await f.createRole("Classic", cognitoTrustPolicy(f.poolId, "authenticated"));
    const token = await f.idp.issueToken({ sub: "durable" });
    const logins = { [f.idp.loginsKey]: token };
    const { IdentityId } = await f.server.cognito.send(new GetIdCommand({ IdentityPoolId: f.poolId, Logins: logins }));
    const creds = await f.server.cognito.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins }));
    const openId = await f.server.cognito.send(new GetOpenIdTokenCommand({ IdentityId, Logins: logins }));
    await f.server.stop();

    const restarted = await startTestServer({ dataDir, flags: { publicUrl: PUBLIC_URL } });
    try {
      const again = await restarted.cognito.send(
        new GetIdCommand({
          IdentityPoolId: f.poolId,
          Logins: { [f.idp.loginsKey]: await f.idp.issueToken({ sub: "durable" }) },
        }),
      );
      expect(again.IdentityId).toBe(IdentityId);
      const caller = await stsWith(restarted.url, creds.Credentials).send(new GetCallerIdentityCommand({}));
      expect(caller.Arn).toBe("arn:aws:sts::000000000000:assumed-role/FixtureAuth/CognitoIdentityCredentials");
      const assumed = await stsWith(restarted.url).send(
        new AssumeRoleWithWebIdentityCommand({
          RoleArn: classicRole,
          RoleSessionName: "basic",
          WebIdentityToken: openId.Token,
        }),
      );
      expect(assumed.SubjectFromWebIdentityToken).toBe(IdentityId);

      const oldKid = decodeProtectedHeader(openId.Token ?? "").kid;
      const rotate = spawnIdpool(["keys", "rotate", "--data-dir", dataDir]);
      expect(await rotate.exited()).toBe(0);
      const newKid = /new signing key (\S+);/.exec(rotate.stdout())?.[1];
      expect(newKid).toBeDefined();
      expect(newKid).not.toBe(oldKid);
      // The server re-reads its keys within five seconds; poll rather than sleep a fixed time.
      let kid: string | undefined;
      for (let i = 0; i < 70 && kid !== newKid; i++) {
        const fresh = await restarted.cognito.send(
          new GetOpenIdTokenCommand({
            IdentityId,
            Logins: { [f.idp.loginsKey]: await f.idp.issueToken({ sub: "durable" }) },
          }),
        );
        kid = decodeProtectedHeader(fresh.Token ?? "").kid;
        if (kid !== newKid) await new Promise((r) => setTimeout(r, 100));
      }
      expect(kid).toBe(newKid);
      const jwks = (await (await fetch(`${restarted.url}/.well-known/jwks_uri`)).json()) as { keys: { kid: string }[] };
      expect(jwks.keys.map((k) => k.kid)).toEqual([newKid, oldKid]);
      // A token signed before the rotation still verifies.
      const stillGood = await stsWith(restarted.url).send(
        new AssumeRoleWithWebIdentityCommand({
          RoleArn: classicRole,
          RoleSessionName: "basic2",
          WebIdentityToken: openId.Token,
        }),
      );
      expect(stillGood.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    } finally {
      await restarted.stop();
      await f.idp.stop();
    }
  });
});

describe("a start that fails", () => {
  it("stops what it had started, so the same data directory starts again at once", async () => {
    const dir = mkdtempSync(join(tmpdir(), "idpool-failed-start-"));
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    try {
      const port = String((taken.address() as AddressInfo).port);
      // Listening is the last step but the setup file's: the store, its claim and the metrics
      // listener are open by then.
      const failed = startTestServer({ dataDir: dir, flags: { port, metricsPort: "0" } });
      await expect(failed).rejects.toMatchObject({ code: "EADDRINUSE" });
      const again = await startTestServer({ dataDir: dir, flags: { metricsPort: "0" } });
      expect((await fetch(`${again.url}/healthz`)).status).toBe(200);
      await again.stop();
    } finally {
      taken.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
