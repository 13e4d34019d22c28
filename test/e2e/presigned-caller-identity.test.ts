import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { GetCredentialsForIdentityCommand, GetIdCommand } from "@aws-sdk/client-cognito-identity";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { presignWithSmithy } from "../../src/auth/test-support.js";
import { ACCOUNT, type PoolFixture, startPoolFixture } from "../support/pool-fixture.js";
import { cognitoCredentials } from "../support/server.js";

const run = promisify(execFile);

/**
 * How credentials prove who they are to a third party (Vault's AWS auth method,
 * aws-iam-authenticator): the holder presigns STS GetCallerIdentity and hands over the URL; the
 * verifier, another process that holds no credentials, calls it and reads the ARN.
 */
let f: PoolFixture;
beforeAll(async () => {
  f = await startPoolFixture();
});
afterAll(async () => {
  await f?.stop();
});

/** What a verifier does with the URL, in a process of its own: GET it, print status and body. */
const VERIFIER = `
const res = await fetch(process.argv[1]);
process.stdout.write(JSON.stringify({ status: res.status, body: await res.text() }));
`;

async function fetchElsewhere(url: string): Promise<{ status: number; body: string }> {
  const { stdout } = await run(process.execPath, ["--input-type=module", "-e", VERIFIER, url], { timeout: 20_000 });
  return JSON.parse(stdout) as { status: number; body: string };
}

describe("a presigned STS GetCallerIdentity made with credentials from GetCredentialsForIdentity", () => {
  it("tells another process who the caller is, and is refused once expired or tampered with", async () => {
    const Logins = { [f.idp.loginsKey]: await f.idp.issueToken({ sub: "presign-user" }) };
    const { IdentityId } = await f.server.cognito.send(new GetIdCommand({ IdentityPoolId: f.poolId, Logins }));
    const { Credentials } = await f.server.cognito.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins }));
    const endpoint = new URL(f.server.url);
    const presign = (expiresInSeconds: number, signingDate = new Date()) =>
      presignWithSmithy({
        service: "sts",
        region: "us-east-1",
        ...cognitoCredentials(Credentials),
        signingDate,
        method: "GET",
        query: { Action: "GetCallerIdentity", Version: "2011-06-15" },
        headers: { host: endpoint.host },
        expiresInSeconds,
      });
    const signed = await presign(60);
    const url = `${f.server.url}${signed.rawPath}`;
    const answer = await fetchElsewhere(url);
    expect(answer.status).toBe(200);
    const roleName = f.authRoleArn.slice(f.authRoleArn.lastIndexOf("/") + 1);
    expect(answer.body).toContain(
      `<Arn>arn:aws:sts::${ACCOUNT}:assumed-role/${roleName}/CognitoIdentityCredentials</Arn>`,
    );
    expect(answer.body).toContain(`<Account>${ACCOUNT}</Account>`);

    const old = await presign(60, new Date(Date.now() - 120_000));
    const expired = await fetchElsewhere(`${f.server.url}${old.rawPath}`);
    expect(expired.status).toBe(403);
    expect(expired.body).toContain("<Code>SignatureDoesNotMatch</Code>");
    expect(expired.body).toContain("Signature expired:");

    const tampered = await fetchElsewhere(url.replace("X-Amz-Expires=60", "X-Amz-Expires=61"));
    expect(tampered.status).toBe(403);
    expect(tampered.body).toContain("<Code>SignatureDoesNotMatch</Code>");
  });
});
