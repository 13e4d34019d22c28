import {
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetOpenIdTokenCommand,
} from "@aws-sdk/client-cognito-identity";
import { DeleteRolePolicyCommand, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import { AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerRevokeCommand } from "../../src/cli/revoke.js";
import { runCli } from "../cli/cli-harness.js";
import {
  ACCOUNT,
  API_ARN,
  type Credentials,
  type GatewayAnswer,
  type GatewayFixture,
  smithySigned,
  startGatewayFixture,
} from "../support/gateway-fixture.js";
import { errorOf, TEST_ROOT } from "../support/server.js";

/**
 * Revoking sessions, seen end to end through a real server and gateway: AWS's way (an inline Deny
 * on aws:TokenIssueTime) and idpool's own (`idpool revoke`, README: Revocation).
 */

let f: GatewayFixture;
let env: Record<string, string>;
const SESSION_ARN = `arn:aws:sts::${ACCOUNT}:assumed-role/FixtureAuth/CognitoIdentityCredentials`;

beforeAll(async () => {
  f = await startGatewayFixture();
  await f.setAuthPolicy([{ Effect: "Allow", Action: "execute-api:Invoke", Resource: `${API_ARN}/*` }]);
  env = {
    IDPOOL_ROOT_ACCESS_KEY_ID: TEST_ROOT.accessKeyId,
    IDPOOL_ROOT_SECRET_ACCESS_KEY: TEST_ROOT.secretAccessKey,
    IDPOOL_ENDPOINT: f.pool.server.url,
  };
});
afterAll(() => f?.stop());

interface SignedIn {
  readonly identityId: string;
  readonly logins: Record<string, string>;
  readonly creds: Credentials;
}

/** The enhanced flow for the test provider's user `sub`, keeping the identity id and logins. */
async function signIn(sub: string): Promise<SignedIn> {
  const { server, poolId, idp } = f.pool;
  const logins = { [idp.loginsKey]: await idp.issueToken({ sub }) };
  const identityId = (await server.cognito.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: logins })))
    .IdentityId;
  const out = await server.cognito.send(
    new GetCredentialsForIdentityCommand({ IdentityId: identityId, Logins: logins }),
  );
  const c = out.Credentials;
  return {
    identityId: identityId ?? "",
    logins,
    creds: {
      accessKeyId: c?.AccessKeyId ?? "",
      secretAccessKey: c?.SecretKey ?? "",
      sessionToken: c?.SessionToken ?? "",
    },
  };
}

const invoke = (creds: Credentials, path = "/orders"): Promise<GatewayAnswer> =>
  smithySigned(f.gateway.url, creds, { path });

/** Asks the gateway until it stops allowing (it re-reads policies and revocations on a timer). */
async function untilRefused(creds: Credentials, path = "/orders", timeoutMs = 5000): Promise<GatewayAnswer> {
  const deadline = Date.now() + timeoutMs;
  let answer = await invoke(creds, path);
  while (answer.status === 200 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    answer = await invoke(creds, path);
  }
  return answer;
}

/** Issue times are whole seconds: what is issued in the second after `ms` is not "before" it. */
async function pastTheSecondOf(ms: number): Promise<void> {
  const nextSecondMs = Math.floor(ms / 1000) * 1000 + 1000;
  // A timer may fire a millisecond early by Date.now(): wait until the clock says so.
  while (Date.now() < nextSecondMs) await new Promise((r) => setTimeout(r, nextSecondMs - Date.now()));
}

async function callerArn(creds: Credentials): Promise<string | undefined> {
  const sts = new STSClient({ endpoint: f.pool.server.url, region: "us-east-1", maxAttempts: 1, credentials: creds });
  try {
    return (await sts.send(new GetCallerIdentityCommand({}))).Arn;
  } finally {
    sts.destroy();
  }
}

const assumeWith = (token: string) =>
  f.pool.server.sts.send(
    new AssumeRoleWithWebIdentityCommand({
      RoleArn: f.pool.authRoleArn,
      RoleSessionName: "own",
      WebIdentityToken: token,
    }),
  );

describe("revoking sessions", () => {
  it("honours IAM's 'Revoke active sessions': an AWSRevokeOlderSessions Deny on aws:TokenIssueTime", async () => {
    const old = await signIn("console-a");
    expect((await invoke(old.creds)).status).toBe(200);
    const revokedAt = new Date();
    // The inline policy the IAM console attaches, as documented at
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_revoke-sessions.html
    const document = {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Deny",
          Action: ["*"],
          Resource: ["*"],
          Condition: { DateLessThan: { "aws:TokenIssueTime": revokedAt.toISOString() } },
        },
      ],
    };
    const policy = { RoleName: "FixtureAuth", PolicyName: "AWSRevokeOlderSessions" };
    await f.pool.server.iam.send(new PutRolePolicyCommand({ ...policy, PolicyDocument: JSON.stringify(document) }));
    try {
      const denied = await untilRefused(old.creds);
      expect([denied.status, denied.json]).toEqual([
        403,
        {
          message: `User: ${SESSION_ARN} is not authorized to perform: execute-api:Invoke on resource: ${API_ARN}/GET/orders with an explicit deny`,
        },
      ]);
      await pastTheSecondOf(revokedAt.getTime());
      const fresh = await signIn("console-a");
      expect(fresh.identityId).toBe(old.identityId);
      expect((await invoke(fresh.creds)).status).toBe(200);
      expect((await invoke(old.creds)).status).toBe(403);
    } finally {
      await f.pool.server.iam.send(new DeleteRolePolicyCommand(policy));
    }
  });

  it("`idpool revoke --identity` refuses that identity's earlier credentials and OpenID tokens, and nobody else's", async () => {
    const victim = await signIn("revoke-b");
    const bystander = await signIn("revoke-b-other");
    const { Token } = await f.pool.server.cognito.send(
      new GetOpenIdTokenCommand({ IdentityId: victim.identityId, Logins: victim.logins }),
    );
    expect((await invoke(victim.creds)).status).toBe(200);

    const startedMs = Date.now();
    const run = await runCli(registerRevokeCommand, ["revoke", "--identity", victim.identityId], { env });
    const before = /issued before (\S+)\n$/.exec(run.out)?.[1] ?? "";
    expect(run).toEqual({
      out: `revoked the credentials and OpenID tokens of identity ${victim.identityId} issued before ${before}\n`,
      err: "",
      exitCode: 0,
    });
    // "Now" on the server, to the millisecond.
    expect(Date.parse(before)).toBeGreaterThanOrEqual(startedMs);
    expect(Date.parse(before)).toBeLessThanOrEqual(Date.now());
    expect(new Date(Date.parse(before)).toISOString()).toBe(before);

    const refused = await untilRefused(victim.creds);
    expect([refused.status, refused.json]).toEqual([
      403,
      {
        message: `The security token included in the request was revoked: sessions issued before ${before} are no longer accepted`,
      },
    ]);
    // The server revoked at once: a signed operation answers as for expired credentials. The name is
    // the Query error code of AWS's SigV4 front end ("ExpiredToken"), as AWS answers for expired keys.
    const expired = await errorOf(() => callerArn(victim.creds));
    expect([expired.name, expired.message, expired.$metadata?.httpStatusCode]).toEqual([
      "ExpiredToken",
      "The security token included in the request is expired",
      400,
    ]);
    const token = await errorOf(() => assumeWith(Token ?? ""));
    expect([token.name, token.message]).toEqual([
      "ExpiredTokenException",
      `Token revoked: tokens of this identity issued before ${before} are no longer accepted`,
    ]);

    // Another identity of the same pool is untouched.
    expect((await invoke(bystander.creds)).status).toBe(200);
    expect(await callerArn(bystander.creds)).toBe(SESSION_ARN);

    // What the revoked identity obtains afterwards works.
    await pastTheSecondOf(Date.parse(before));
    const again = await signIn("revoke-b");
    expect(again.identityId).toBe(victim.identityId);
    expect((await invoke(again.creds)).status).toBe(200);
    expect(await callerArn(again.creds)).toBe(SESSION_ARN);
    const fresh = await f.pool.server.cognito.send(
      new GetOpenIdTokenCommand({ IdentityId: again.identityId, Logins: again.logins }),
    );
    const assumed = await assumeWith(fresh.Token ?? "");
    expect(assumed.SubjectFromWebIdentityToken).toBe(victim.identityId);
    expect((await invoke(victim.creds)).status).toBe(403);
  });
});
