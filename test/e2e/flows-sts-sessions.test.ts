import { CognitoIdentityClient, ListIdentityPoolsCommand } from "@aws-sdk/client-cognito-identity";
import {
  AssumeRoleWithWebIdentityCommand,
  type Credentials,
  GetCallerIdentityCommand,
  STSClient,
} from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCOUNT, type PoolFixture, startPoolFixture } from "../support/pool-fixture.js";
import { errorOf, signedWithSession } from "../support/server.js";

/** What temporary credentials from AssumeRoleWithWebIdentity may do (DESIGN.md "Credentials", reference §6). */

let f: PoolFixture;
let sts: STSClient;
let providerRoleArn: string;

beforeAll(async () => {
  f = await startPoolFixture();
  sts = new STSClient({ endpoint: f.server.url, region: "us-east-1", maxAttempts: 1 });
  providerRoleArn = await f.createRole(
    "WebDirect",
    JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Federated: f.providerArn },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: { StringEquals: { [`${f.idp.loginsKey}:aud`]: f.idp.clientId } },
        },
      ],
    }),
  );
});
afterAll(async () => {
  sts?.destroy();
  await f?.stop();
});

const assume = async (sub: string) =>
  sts.send(
    new AssumeRoleWithWebIdentityCommand({
      RoleArn: providerRoleArn,
      RoleSessionName: "direct",
      WebIdentityToken: await f.idp.issueToken({ sub }),
    }),
  );

const signedWith = (c: Credentials | undefined) => signedWithSession(f.server.url, c);

describe("what temporary credentials may do", () => {
  it("identify themselves through GetCallerIdentity", async () => {
    const out = await assume("direct-7");
    const client = new STSClient(signedWith(out.Credentials));
    try {
      const caller = await client.send(new GetCallerIdentityCommand({}));
      expect(caller).toMatchObject({
        Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/WebDirect/direct`,
        UserId: out.AssumedRoleUser?.AssumedRoleId,
        Account: ACCOUNT,
      });
    } finally {
      client.destroy();
    }
  });

  it("refuses admin operations with AccessDeniedException", async () => {
    const out = await assume("direct-5");
    const cognito = new CognitoIdentityClient(signedWith(out.Credentials));
    try {
      const error = await errorOf(() => cognito.send(new ListIdentityPoolsCommand({ MaxResults: 10 })));
      expect([error.name, error.message]).toEqual([
        "AccessDeniedException",
        `User: arn:aws:sts::${ACCOUNT}:assumed-role/WebDirect/direct is not authorized to perform: cognito-identity:ListIdentityPools`,
      ]);
    } finally {
      cognito.destroy();
    }
  });

  it("refuses a tampered session token as an unknown credential", async () => {
    const out = await assume("direct-6");
    const token = out.Credentials?.SessionToken ?? "";
    const last = token.at(-2) === "A" ? "B" : "A";
    const tampered = {
      ...out.Credentials,
      SessionToken: `${token.slice(0, -2)}${last}${token.slice(-1)}`,
    } as Credentials;
    const cognito = new CognitoIdentityClient(signedWith(tampered));
    const client = new STSClient(signedWith(tampered));
    try {
      const json = await errorOf(() => cognito.send(new ListIdentityPoolsCommand({ MaxResults: 10 })));
      expect([json.name, json.message]).toEqual([
        "UnrecognizedClientException",
        "The security token included in the request is invalid.",
      ]);
      const query = await errorOf(() => client.send(new GetCallerIdentityCommand({})));
      expect([query.name, query.message, query.$metadata?.httpStatusCode]).toEqual([
        "InvalidClientTokenId",
        "The security token included in the request is invalid.",
        403,
      ]);
    } finally {
      cognito.destroy();
      client.destroy();
    }
  });
});
