import { describe, expect, it } from "vitest";
import { ManualClock } from "../shared/index.js";
import { verifySigV4 } from "./index.js";
import {
  fixtureLookup,
  NOW_MS,
  ROOT_KEY,
  SDK_UNSIGNED_HEADERS,
  SESSION_KEY,
  type SignInput,
  sdkHeaders,
  signWithSmithy,
} from "./test-support.js";

const SERVICES = ["cognito-identity", "iam", "sts"] as const;
const REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2", "local"] as const;
const BODIES = {
  "cognito-identity": '{"MaxResults":10}',
  iam: "Action=ListOpenIDConnectProviders&Version=2010-05-08",
  sts: "Action=GetCallerIdentity&Version=2011-06-15",
} as const;

const signingDate = new Date(NOW_MS);
const clock = new ManualClock(NOW_MS);

async function accepts(input: Omit<SignInput, "accessKeyId" | "secretAccessKey" | "signingDate">, withToken: boolean) {
  const key = withToken ? SESSION_KEY : ROOT_KEY;
  const req = await signWithSmithy({
    ...input,
    accessKeyId: key.accessKeyId,
    secretAccessKey: key.secretAccessKey,
    ...(withToken ? { sessionToken: SESSION_KEY.sessionToken } : {}),
    signingDate,
  });
  return { req, principal: await verifySigV4(req, { service: input.service, lookup: fixtureLookup, clock }), key };
}

describe("verifySigV4 accepts requests signed by @smithy/signature-v4", () => {
  for (const service of SERVICES) {
    for (const region of REGIONS) {
      for (const withToken of [false, true]) {
        it(`${service} in ${region}, ${withToken ? "session" : "long-term"} credentials, SDK header set`, async () => {
          const body = BODIES[service];
          const { req, principal, key } = await accepts(
            { service, region, headers: sdkHeaders(service, body), unsignedHeaders: SDK_UNSIGNED_HEADERS, body },
            withToken,
          );
          expect(principal).toEqual(key.principal);
          // The request really carries what the SDK sends (reference/toolchain.md §2.1).
          const auth = String(req.headers.authorization);
          expect(auth).toContain(`/${region}/${service}/aws4_request`);
          const signedHeaders = auth.match(/SignedHeaders=([^,]+)/)?.[1]?.split(";");
          expect(signedHeaders).toContain("x-amz-content-sha256");
          expect(signedHeaders).toContain("amz-sdk-invocation-id");
          expect(signedHeaders).not.toContain("user-agent");
          expect(signedHeaders?.includes("x-amz-security-token")).toBe(withToken);
        });
      }
    }
  }

  const variants: ReadonlyArray<
    readonly [string, Omit<SignInput, "accessKeyId" | "secretAccessKey" | "signingDate" | "service" | "region">]
  > = [
    ["an empty body", { headers: { host: "idpool.local" }, body: "" }],
    [
      "no x-amz-content-sha256 header (hashed body)",
      { headers: { host: "idpool.local" }, body: "Action=GetCallerIdentity", contentSha256: "none" },
    ],
    [
      "a unicode JSON body",
      {
        headers: { host: "idpool.local", "content-type": "application/x-amz-json-1.1" },
        body: '{"IdentityPoolName":"ünïcødé ☃ 𝄞 池"}',
      },
    ],
    ["a binary body", { headers: { host: "idpool.local" }, body: Buffer.from([0, 255, 128, 10, 13, 0x80]) }],
    [
      "a nested path needing encoding",
      { headers: { host: "idpool.local" }, path: "/a%20b/c%2Fd/%E2%9C%93/x:y@z!$'()*,;=/" },
    ],
    ["a path with dot segments and empty segments", { headers: { host: "idpool.local" }, path: "/a/./b/../c//d" }],
    [
      "a query with repeated keys and encoded characters",
      { headers: { host: "idpool.local" }, query: { b: ["2", "1", "1 0"], a: "x y/z+&=?", "é k": "ü", empty: "" } },
    ],
    [
      "a GET with only a query",
      {
        method: "GET",
        headers: { host: "idpool.local" },
        query: { Action: "GetCallerIdentity", Version: "2011-06-15" },
      },
    ],
    [
      "header values with runs of spaces and tabs",
      { headers: { host: "idpool.local", "x-amz-meta": "  a   b \t c  ", "x-other": "one  two" } },
    ],
    [
      "extra unsigned headers",
      {
        headers: { host: "idpool.local" },
        unsignedHeaders: { "x-forwarded-for": "10.0.0.1", "x-amzn-trace-id": "Root=1-abc", "x-amz-meta-unsigned": "z" },
      },
    ],
    ["a host with a port", { headers: { host: "localhost:9229" } }],
  ];
  for (const [name, variant] of variants) {
    for (const withToken of [false, true]) {
      it(`${name} (${withToken ? "session" : "long-term"})`, async () => {
        const { principal, key } = await accepts({ service: "sts", region: "us-west-2", ...variant }, withToken);
        expect(principal).toEqual(key.principal);
      });
    }
  }
});
