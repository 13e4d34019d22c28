import { GetOpenIdTokenCommand } from "@aws-sdk/client-cognito-identity";
import { DeleteRolePolicyCommand, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import { AssumeRoleWithWebIdentityCommand } from "@aws-sdk/client-sts";
import { describe, expect, it } from "vitest";
import { registerRevokeCommand } from "../../src/cli/revoke.js";
import { runCli } from "../cli/cli-harness.js";
import { API_ARN, type Credentials, type GatewayAnswer } from "../support/gateway-fixture.js";
import { errorOf } from "../support/server.js";
import { pastTheSecondOf, SESSION_ARN, useRevocationRig } from "./revocation-rig.js";

/**
 * Revoking sessions, seen end to end through a real server and gateway: AWS's way (an inline Deny
 * on aws:TokenIssueTime) and idpool's own (`idpool revoke`, README: Revocation).
 */

const rig = useRevocationRig();

/** The gateway's answer once it stops allowing `creds`. */
const untilRefused = (creds: Credentials): Promise<GatewayAnswer> =>
  rig.gatewayUntil(creds, (status) => status !== 200);

const assumeWith = (token: string) =>
  rig.f.pool.server.sts.send(
    new AssumeRoleWithWebIdentityCommand({
      RoleArn: rig.f.pool.authRoleArn,
      RoleSessionName: "own",
      WebIdentityToken: token,
    }),
  );

describe("revoking sessions", () => {
  it("honours IAM's 'Revoke active sessions': an AWSRevokeOlderSessions Deny on aws:TokenIssueTime", async () => {
    const old = await rig.signIn("console-a");
    expect((await rig.invoke(old.creds)).status).toBe(200);
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
    await rig.f.pool.server.iam.send(new PutRolePolicyCommand({ ...policy, PolicyDocument: JSON.stringify(document) }));
    try {
      const denied = await untilRefused(old.creds);
      expect([denied.status, denied.json]).toEqual([
        403,
        {
          message: `User: ${SESSION_ARN} is not authorized to perform: execute-api:Invoke on resource: ${API_ARN}/GET/orders with an explicit deny`,
        },
      ]);
      await pastTheSecondOf(revokedAt.getTime());
      const fresh = await rig.signIn("console-a");
      expect(fresh.identityId).toBe(old.identityId);
      expect((await rig.invoke(fresh.creds)).status).toBe(200);
      expect((await rig.invoke(old.creds)).status).toBe(403);
    } finally {
      await rig.f.pool.server.iam.send(new DeleteRolePolicyCommand(policy));
    }
  });

  it("`idpool revoke --identity` refuses that identity's earlier credentials and OpenID tokens, and nobody else's", async () => {
    const victim = await rig.signIn("revoke-b");
    const bystander = await rig.signIn("revoke-b-other");
    const { Token } = await rig.f.pool.server.cognito.send(
      new GetOpenIdTokenCommand({ IdentityId: victim.identityId, Logins: victim.logins }),
    );
    expect((await rig.invoke(victim.creds)).status).toBe(200);

    const startedMs = Date.now();
    const run = await runCli(registerRevokeCommand, ["revoke", "--identity", victim.identityId], { env: rig.env });
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
    const expired = await errorOf(() => rig.callerArn(victim.creds));
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
    expect((await rig.invoke(bystander.creds)).status).toBe(200);
    expect(await rig.callerArn(bystander.creds)).toBe(SESSION_ARN);

    // What the revoked identity obtains afterwards works.
    await pastTheSecondOf(Date.parse(before));
    const again = await rig.signIn("revoke-b");
    expect(again.identityId).toBe(victim.identityId);
    expect((await rig.invoke(again.creds)).status).toBe(200);
    expect(await rig.callerArn(again.creds)).toBe(SESSION_ARN);
    const fresh = await rig.f.pool.server.cognito.send(
      new GetOpenIdTokenCommand({ IdentityId: again.identityId, Logins: again.logins }),
    );
    const assumed = await assumeWith(fresh.Token ?? "");
    expect(assumed.SubjectFromWebIdentityToken).toBe(victim.identityId);
    expect((await rig.invoke(victim.creds)).status).toBe(403);
  });
});
