/**
 * The official SDK clients (the same ones reference/toolchain.md §2 captured) sign real requests
 * to a loopback server that runs verifySigV4 on what Node hands it: req.url, req.headers, body.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { CognitoIdentityClient, ListIdentityPoolsCommand } from "@aws-sdk/client-cognito-identity";
import { IAMClient, ListOpenIDConnectProvidersCommand } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Principal } from "../shared/index.js";
import { systemClock } from "../shared/index.js";
import { verifySigV4 } from "./index.js";
import { fixtureLookup, ROOT_KEY, SESSION_KEY } from "./test-support.js";

type Outcome = { principal: Principal; signedHeaders: string[] } | { code: string; message: string };

const RESPONSES: Record<string, { contentType: string; body: string }> = {
  "cognito-identity": { contentType: "application/x-amz-json-1.1", body: '{"IdentityPools":[]}' },
  iam: {
    contentType: "text/xml",
    body: "<ListOpenIDConnectProvidersResponse><ListOpenIDConnectProvidersResult><OpenIDConnectProviderList/></ListOpenIDConnectProvidersResult></ListOpenIDConnectProvidersResponse>",
  },
  sts: {
    contentType: "text/xml",
    body: "<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:root</Arn><UserId>123456789012</UserId><Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>",
  },
};

function serviceOf(req: IncomingMessage, body: string): string {
  if (req.headers["x-amz-target"] !== undefined) return "cognito-identity";
  return body.includes("Version=2011-06-15") ? "sts" : "iam";
}

let server: Server;
let endpoint: string;
let outcomes: Outcome[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const service = serviceOf(req, body.toString("utf8"));
      const signed = { method: req.method ?? "", rawPath: req.url ?? "", headers: req.headers, body };
      verifySigV4(signed, { service, lookup: fixtureLookup, clock: systemClock }).then(
        (principal) => {
          const signedHeaders =
            String(req.headers.authorization)
              .match(/SignedHeaders=([^,]+)/)?.[1]
              ?.split(";") ?? [];
          outcomes.push({ principal, signedHeaders });
          const response = RESPONSES[service] ?? { contentType: "text/plain", body: "" };
          res.writeHead(200, { "content-type": response.contentType }).end(response.body);
        },
        (error: unknown) => {
          const { code, message } = error as { code: string; message: string };
          outcomes.push({ code, message });
          res
            .writeHead(400, { "content-type": "application/x-amz-json-1.1" })
            .end(JSON.stringify({ __type: code, message }));
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  outcomes = [];
});

const credentialSets = [
  ["long-term", { accessKeyId: ROOT_KEY.accessKeyId, secretAccessKey: ROOT_KEY.secretAccessKey }, ROOT_KEY.principal],
  [
    "session",
    {
      accessKeyId: SESSION_KEY.accessKeyId,
      secretAccessKey: SESSION_KEY.secretAccessKey,
      sessionToken: SESSION_KEY.sessionToken,
    },
    SESSION_KEY.principal,
  ],
] as const;

describe("official SDK clients → loopback server → verifySigV4", () => {
  for (const [label, credentials, principal] of credentialSets) {
    for (const region of ["us-east-1", "eu-west-3"]) {
      const config = () => ({ endpoint, region, credentials, maxAttempts: 1 });

      it(`CognitoIdentity ListIdentityPools, ${label}, ${region}`, async () => {
        await new CognitoIdentityClient(config()).send(new ListIdentityPoolsCommand({ MaxResults: 10 }));
        expect(outcomes).toEqual([
          {
            principal,
            signedHeaders: expect.arrayContaining([
              "host",
              "x-amz-date",
              "x-amz-target",
              "x-amz-content-sha256",
              "amz-sdk-invocation-id",
            ]),
          },
        ]);
      });

      it(`IAM ListOpenIDConnectProviders, ${label}, ${region}`, async () => {
        await new IAMClient(config()).send(new ListOpenIDConnectProvidersCommand({}));
        expect(outcomes).toEqual([{ principal, signedHeaders: expect.arrayContaining(["host", "content-type"]) }]);
      });

      it(`STS GetCallerIdentity, ${label}, ${region}`, async () => {
        const answer = await new STSClient(config()).send(new GetCallerIdentityCommand({}));
        expect(answer.Account).toBe("123456789012");
        const expectedToken = label === "session" ? ["x-amz-security-token"] : [];
        expect(outcomes).toEqual([{ principal, signedHeaders: expect.arrayContaining(["host", ...expectedToken]) }]);
      });
    }
  }

  it("a wrong secret is refused with InvalidSignature", async () => {
    const credentials = {
      accessKeyId: ROOT_KEY.accessKeyId,
      secretAccessKey: "not-the-secret-not-the-secret-not-the-se",
    };
    await expect(
      new CognitoIdentityClient({ endpoint, region: "us-east-1", credentials, maxAttempts: 1 }).send(
        new ListIdentityPoolsCommand({ MaxResults: 1 }),
      ),
    ).rejects.toMatchObject({
      name: "InvalidSignatureException",
    });
    expect(outcomes).toEqual([
      { code: "InvalidSignatureException", message: expect.stringContaining("does not match") },
    ]);
  });

  it("an unknown key is refused with UnrecognizedClient", async () => {
    const credentials = { accessKeyId: "AKIAUNKNOWN000000000", secretAccessKey: ROOT_KEY.secretAccessKey };
    await expect(
      new CognitoIdentityClient({ endpoint, region: "us-east-1", credentials, maxAttempts: 1 }).send(
        new ListIdentityPoolsCommand({ MaxResults: 1 }),
      ),
    ).rejects.toMatchObject({
      name: "UnrecognizedClientException",
    });
  });
});
