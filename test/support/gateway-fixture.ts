import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { SetPrincipalTagAttributeMapCommand } from "@aws-sdk/client-cognito-identity";
import { PutRolePolicyCommand, UpdateAssumeRolePolicyCommand } from "@aws-sdk/client-iam";
import { fromCognitoIdentityPool } from "@aws-sdk/credential-providers";
import { SignatureV4 } from "@smithy/signature-v4";
import { type RunningGateway, startGateway } from "../../src/app/gateway.js";
import { createLogger } from "../../src/app/logger.js";
import { loadGatewayConfig } from "../../src/config/index.js";
import { type Clock, SmithySha256 } from "../../src/shared/index.js";
import { cognitoTrustPolicy, type PoolFixture, startPoolFixture } from "./pool-fixture.js";
import { TEST_ROOT } from "./server.js";

export const REGION = "us-east-1";
export const ACCOUNT = "000000000000";
/** The execute-api ARN prefix of the gateway's default API id and stage. */
export const API_ARN = `arn:aws:execute-api:${REGION}:${ACCOUNT}:idpool/$default`;

export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** What the upstream saw of one request it received in full. */
export interface UpstreamRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface Upstream {
  readonly url: string;
  /** Requests received in full, oldest first. */
  readonly received: UpstreamRequest[];
  /** Requests whose body never arrived in full (the gateway destroyed them). */
  readonly aborted: string[];
  stop(): Promise<void>;
}

/** A small upstream that answers every request with what it received, as JSON. */
export async function startUpstream(): Promise<Upstream> {
  const received: UpstreamRequest[] = [];
  const aborted: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("close", () => {
      if (!req.complete) aborted.push(`${req.method} ${req.url}`);
    });
    req.on("end", () => {
      const seen = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      received.push(seen);
      res.writeHead(200, { "content-type": "application/json", "x-upstream": "yes" });
      res.end(JSON.stringify(seen));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    aborted,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export interface GatewayFixture {
  readonly pool: PoolFixture;
  readonly upstream: Upstream;
  readonly gateway: RunningGateway;
  /** Gateway log lines, parsed. */
  readonly gatewayLog: Record<string, unknown>[];
  /** Sets the authenticated role's one inline permission policy. */
  setAuthPolicy(statements: unknown[]): Promise<void>;
  setGuestPolicy(statements: unknown[]): Promise<void>;
  /** Enhanced-flow credentials for the test provider's user `sub` (tag `username` = sub). */
  userCredentials(sub: string): Promise<Credentials>;
  guestCredentials(): Promise<Credentials>;
  stop(): Promise<void>;
}

export interface GatewayFixtureOptions {
  readonly gatewayFlags?: Record<string, string | boolean>;
  readonly gatewayClock?: Clock;
}

/**
 * A pool fixture (server, test provider, pool, roles), a recording upstream, and an idpool gateway
 * in front of it on the server's store. The authenticated role trusts sts:TagSession and the pool
 * maps the token's `sub` to the principal tag `username`.
 */
export async function startGatewayFixture(options: GatewayFixtureOptions = {}): Promise<GatewayFixture> {
  const pool = await startPoolFixture();
  const upstream = await startUpstream();
  const { server, poolId, idp } = pool;
  await server.iam.send(
    new UpdateAssumeRolePolicyCommand({
      RoleName: "FixtureAuth",
      PolicyDocument: cognitoTrustPolicy(poolId, "authenticated", ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"]),
    }),
  );
  await server.cognito.send(
    new SetPrincipalTagAttributeMapCommand({
      IdentityPoolId: poolId,
      IdentityProviderName: idp.loginsKey,
      UseDefaults: false,
      PrincipalTags: { username: "sub" },
    }),
  );
  const env = {
    IDPOOL_ROOT_ACCESS_KEY_ID: TEST_ROOT.accessKeyId,
    IDPOOL_ROOT_SECRET_ACCESS_KEY: TEST_ROOT.secretAccessKey,
  };
  const loaded = loadGatewayConfig(
    { upstream: upstream.url, port: "0", dataDir: server.dataDir, ...options.gatewayFlags },
    env,
  );
  const gatewayLog: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString("utf8").split("\n")) if (line.trim()) gatewayLog.push(JSON.parse(line));
      done();
    },
  });
  const gateway = await startGateway({
    ...loaded,
    log: createLogger("debug", sink),
    ...(options.gatewayClock ? { clock: options.gatewayClock } : {}),
  });
  const putPolicy = (roleName: string) => async (statements: unknown[]) => {
    await server.iam.send(
      new PutRolePolicyCommand({
        RoleName: roleName,
        PolicyName: "invoke",
        PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: statements }),
      }),
    );
  };
  const clientConfig = { endpoint: server.url, region: REGION };
  return {
    pool,
    upstream,
    gateway,
    gatewayLog,
    setAuthPolicy: putPolicy("FixtureAuth"),
    setGuestPolicy: putPolicy("FixtureGuest"),
    async userCredentials(sub) {
      const token = await idp.issueToken({ sub });
      return fromCognitoIdentityPool({ identityPoolId: poolId, logins: { [idp.loginsKey]: token }, clientConfig })();
    },
    guestCredentials: () => fromCognitoIdentityPool({ identityPoolId: poolId, clientConfig })(),
    async stop() {
      await gateway.stop();
      await upstream.stop();
      await pool.stop();
    },
  };
}

export interface GatewayRequest {
  readonly method?: string;
  /** Path plus optional query, e.g. `/users/alice/orders?limit=2`. */
  readonly path: string;
  readonly body?: string;
  readonly headers?: Record<string, string>;
}

export interface GatewayAnswer {
  readonly status: number;
  readonly json: Record<string, unknown>;
  readonly headers: Headers;
}

async function send(
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: string,
): Promise<GatewayAnswer> {
  const res = await fetch(url, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {}, headers: res.headers };
}

function smithySigner(credentials: Credentials, service = "execute-api"): SignatureV4 {
  return new SignatureV4({ service, region: REGION, credentials, sha256: SmithySha256 });
}

function httpRequestFor(gatewayUrl: string, r: GatewayRequest) {
  const url = new URL(r.path, gatewayUrl);
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = v;
  return {
    method: r.method ?? "GET",
    protocol: url.protocol,
    hostname: url.hostname,
    port: Number(url.port),
    path: url.pathname,
    query,
    headers: { host: url.host, ...r.headers } as Record<string, string>,
    ...(r.body !== undefined ? { body: r.body } : {}),
  };
}

/** Signs with @smithy/signature-v4 (as the AWS SDKs do) and sends to the gateway. */
export async function smithySigned(
  gatewayUrl: string,
  credentials: Credentials,
  r: GatewayRequest,
  options: { signingDate?: Date; sendBody?: string } = {},
): Promise<GatewayAnswer> {
  const signed = await smithySigner(credentials).sign(
    httpRequestFor(gatewayUrl, r),
    options.signingDate ? { signingDate: options.signingDate } : {},
  );
  const url = new URL(r.path, gatewayUrl);
  return send(url.toString(), signed.method, signed.headers, options.sendBody ?? r.body);
}

/** A presigned URL from @smithy/signature-v4, fetched without any header of its own. */
export async function smithyPresigned(
  gatewayUrl: string,
  credentials: Credentials,
  path: string,
): Promise<GatewayAnswer> {
  const presigned = await smithySigner(credentials).presign(httpRequestFor(gatewayUrl, { path }), { expiresIn: 300 });
  const url = new URL(presigned.path, gatewayUrl);
  for (const [k, v] of Object.entries(presigned.query ?? {})) url.searchParams.set(k, String(v));
  return send(url.toString(), "GET", {});
}
