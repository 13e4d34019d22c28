/**
 * For `idpool doctor --endpoint`: reads a provider's registration from a running idpool the way
 * an AWS client would, with SigV4-signed DescribeIdentityPool (Cognito Identity, AWS JSON 1.1) and
 * GetOpenIDConnectProvider (IAM, AWS Query) calls, using root credentials from the environment.
 */

import http from "node:http";
import https from "node:https";
import { XMLParser } from "fast-xml-parser";
import type { ProviderRegistration } from "../oidc/index.js";
import { SmithySha256 } from "../shared/index.js";

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** IDPOOL_ROOT_* first (idpool's own), then the usual AWS_* variables. */
export function credentialsFromEnv(env: Readonly<Record<string, string | undefined>>): Credentials | undefined {
  const pairs = [
    [env.IDPOOL_ROOT_ACCESS_KEY_ID, env.IDPOOL_ROOT_SECRET_ACCESS_KEY, undefined],
    [env.AWS_ACCESS_KEY_ID, env.AWS_SECRET_ACCESS_KEY, env.AWS_SESSION_TOKEN],
  ] as const;
  for (const [accessKeyId, secretAccessKey, sessionToken] of pairs) {
    if (accessKeyId && secretAccessKey)
      return sessionToken ? { accessKeyId, secretAccessKey, sessionToken } : { accessKeyId, secretAccessKey };
  }
  return undefined;
}

interface Call {
  endpoint: URL;
  region: string;
  credentials: Credentials;
  service: "cognito-identity" | "iam";
  headers: Record<string, string>;
  body: string;
}

async function signedPost(call: Call): Promise<{ status: number; body: string }> {
  // Loaded here so the other commands do not need the signer installed.
  const { SignatureV4 } = await import("@smithy/signature-v4");
  const signer = new SignatureV4({
    service: call.service,
    region: call.region,
    credentials: call.credentials,
    sha256: SmithySha256,
    applyChecksum: false,
  });
  const port = call.endpoint.port ? Number(call.endpoint.port) : undefined;
  const request = {
    method: "POST",
    protocol: call.endpoint.protocol,
    hostname: call.endpoint.hostname,
    ...(port === undefined ? {} : { port }),
    path: "/",
    query: {},
    headers: { host: call.endpoint.host, "content-length": String(Buffer.byteLength(call.body)), ...call.headers },
    body: call.body,
  };
  const signed = await signer.sign(request);
  const client = call.endpoint.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      call.endpoint,
      { method: "POST", path: "/", headers: signed.headers, timeout: 10_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      },
    );
    req.on("timeout", () => req.destroy(new Error("no answer within 10 s")));
    req.on("error", reject);
    req.end(call.body);
  });
}

export interface RemoteLookup {
  endpoint: string;
  region: string;
  poolId: string;
  loginsKey: string;
  credentials: Credentials;
}

/** The registration of the pool's provider whose ARN ends with `oidc-provider/<logins key>`. */
export async function fetchRegistration(lookup: RemoteLookup): Promise<ProviderRegistration> {
  const endpoint = new URL(lookup.endpoint);
  const base = { endpoint, region: lookup.region, credentials: lookup.credentials };
  const pool = await signedPost({
    ...base,
    service: "cognito-identity",
    headers: {
      "content-type": "application/x-amz-json-1.1",
      "x-amz-target": "AWSCognitoIdentityService.DescribeIdentityPool",
    },
    body: JSON.stringify({ IdentityPoolId: lookup.poolId }),
  });
  const poolBody = JSON.parse(pool.body || "{}") as {
    __type?: string;
    message?: string;
    OpenIdConnectProviderARNs?: unknown;
  };
  if (pool.status !== 200)
    throw new Error(
      `DescribeIdentityPool: HTTP ${pool.status} ${poolBody.__type ?? ""} ${poolBody.message ?? ""}`.trim(),
    );
  const arns = Array.isArray(poolBody.OpenIdConnectProviderARNs) ? poolBody.OpenIdConnectProviderARNs.map(String) : [];
  const arn = arns.find((a) => a.endsWith(`:oidc-provider/${lookup.loginsKey}`));
  if (!arn)
    throw new Error(
      `pool ${lookup.poolId} has no OpenID Connect provider for logins key ${lookup.loginsKey} (it lists: ${arns.join(", ") || "none"})`,
    );
  const form = new URLSearchParams({
    Action: "GetOpenIDConnectProvider",
    Version: "2010-05-08",
    OpenIDConnectProviderArn: arn,
  });
  const iam = await signedPost({
    ...base,
    service: "iam",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form.toString(),
  });
  const parser = new XMLParser({ ignoreAttributes: true, isArray: (name) => name === "member", parseTagValue: false });
  const xml = parser.parse(iam.body) as Record<string, Record<string, Record<string, unknown>> | undefined>;
  if (iam.status !== 200) {
    const error = xml.ErrorResponse?.Error;
    throw new Error(
      `GetOpenIDConnectProvider: HTTP ${iam.status} ${String(error?.Code ?? "")} ${String(error?.Message ?? "")}`.trim(),
    );
  }
  const result = xml.GetOpenIDConnectProviderResponse?.GetOpenIDConnectProviderResult as
    | { Url?: unknown; ClientIDList?: { member?: unknown[] }; ThumbprintList?: { member?: unknown[] } }
    | undefined;
  if (typeof result?.Url !== "string") throw new Error("GetOpenIDConnectProvider: answer has no Url");
  return {
    // IAM answers the URL without its scheme (reference §7.2); registered URLs are https.
    url: `https://${result.Url}`,
    clientIds: (result.ClientIDList?.member ?? []).map(String),
    thumbprints: (result.ThumbprintList?.member ?? []).map(String),
  };
}
