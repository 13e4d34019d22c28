import { signWithSmithy } from "../src/auth/test-support.js";
import type { TestOidcProvider } from "../test/support/oidc-provider.js";
import { benchIdentityId } from "./identities.js";
import type { OperationName } from "./options.js";
import type { BenchPool } from "./setup.js";

/** One HTTP request as autocannon sends it. */
export interface WireRequest {
  readonly headers: Record<string, string>;
  readonly body: string;
  /** POST and `/` (the AWS protocols) unless given (the gateway's requests). */
  readonly method?: string;
  readonly path?: string;
}

const REGION = "us-east-1";
const cognito = (op: string, body: object): WireRequest => ({
  headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": `AWSCognitoIdentityService.${op}` },
  body: JSON.stringify(body),
});
const query = (params: Record<string, string>): WireRequest => ({
  headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
  body: new URLSearchParams(params).toString(),
});

/** The users whose tokens rotate: spread evenly over all identities, so lookups touch the whole table. */
export function sampleUsers(identities: number, rotation: number): number[] {
  const count = Math.min(identities, rotation);
  return Array.from({ length: count }, (_, i) => Math.floor((i * identities) / count));
}

/** Sends requests with a few in flight and returns the parsed bodies; any non-200 stops the run. */
export async function callAll(url: string, requests: readonly WireRequest[]): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = new Array(requests.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < requests.length; i = next++) {
      const req = requests[i];
      if (!req) continue;
      const res = await fetch(url, { method: "POST", headers: req.headers, body: req.body });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`${req.headers["x-amz-target"] ?? "STS"}: ${res.status} ${text}`);
      out[i] = text.startsWith("{") ? (JSON.parse(text) as Record<string, unknown>) : { xml: text };
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return out;
}

export interface RequestContext {
  readonly url: string;
  readonly idp: TestOidcProvider;
  readonly pool: BenchPool;
  readonly users: readonly number[];
  /** The provider's ID token of each user, same order as `users`. */
  readonly idTokens: readonly string[];
}

/**
 * The rotating request set of each operation. Tokens and credentials are made just before the
 * operation is measured: idpool's OpenID tokens live 10 minutes, SigV4 signatures 15.
 */
export async function buildRequests(op: OperationName, ctx: RequestContext): Promise<WireRequest[]> {
  const logins = (i: number) => ({ [ctx.idp.loginsKey]: ctx.idTokens[i] ?? "" });
  const identity = (i: number) => benchIdentityId(REGION, ctx.users[i] ?? 0);
  const withLogins = (name: string) =>
    ctx.users.map((_, i) => cognito(name, { IdentityId: identity(i), Logins: logins(i) }));
  switch (op) {
    case "GetId":
      return ctx.users.map((_, i) => cognito("GetId", { IdentityPoolId: ctx.pool.poolId, Logins: logins(i) }));
    case "GetCredentialsForIdentity":
      return withLogins("GetCredentialsForIdentity");
    case "GetOpenIdToken":
      return withLogins("GetOpenIdToken");
    case "AssumeRoleWithWebIdentity": {
      const issued = await callAll(ctx.url, withLogins("GetOpenIdToken"));
      return issued.map((r, i) =>
        query({
          Action: "AssumeRoleWithWebIdentity",
          Version: "2011-06-15",
          RoleArn: ctx.pool.authRoleArn,
          RoleSessionName: `bench-${i}`,
          WebIdentityToken: String(r.Token),
        }),
      );
    }
    case "GetCallerIdentity": {
      const host = new URL(ctx.url).host;
      const body = "Action=GetCallerIdentity&Version=2011-06-15";
      return signedWithEachIdentity(ctx, () => ({
        service: "sts",
        headers: { host, "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
        body,
      }));
    }
  }
}

/**
 * One request per bench user, SigV4-signed (as the SDKs sign) with that identity's enhanced-flow
 * credentials, made just before the measurement: GetCallerIdentity's set, and the gateway's.
 */
export async function signedWithEachIdentity(
  ctx: RequestContext,
  request: (i: number) => {
    service: string;
    method?: string;
    path?: string;
    headers: Record<string, string>;
    body?: string;
  },
): Promise<WireRequest[]> {
  const logins = (i: number) => ({ [ctx.idp.loginsKey]: ctx.idTokens[i] ?? "" });
  const issued = await callAll(
    ctx.url,
    ctx.users.map((user, i) =>
      cognito("GetCredentialsForIdentity", { IdentityId: benchIdentityId(REGION, user), Logins: logins(i) }),
    ),
  );
  return Promise.all(
    issued.map(async (r, i) => {
      const c = r.Credentials as { AccessKeyId: string; SecretKey: string; SessionToken: string };
      const { body = "", ...rest } = request(i);
      const signed = await signWithSmithy({
        ...rest,
        region: REGION,
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretKey,
        sessionToken: c.SessionToken,
        signingDate: new Date(),
        ...(body ? { body } : {}),
      });
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(signed.headers)) if (typeof v === "string") headers[k] = v;
      return {
        headers,
        body,
        ...(rest.method ? { method: rest.method } : {}),
        ...(rest.path ? { path: rest.path } : {}),
      };
    }),
  );
}

/** What a correct answer contains, checked on one request of each set before the load starts. */
export function expectedIn(op: OperationName, ctx: RequestContext): string {
  if (op === "GetId" || op === "GetCredentialsForIdentity" || op === "GetOpenIdToken") {
    return benchIdentityId(REGION, ctx.users[0] ?? 0);
  }
  return op === "GetCallerIdentity" ? "assumed-role/BenchAuthenticated" : "<AssumedRoleUser>";
}

/** A provider ID token minted for the first-seen rows, and the bench user it was minted for. */
export interface MintedToken {
  readonly user: number;
  readonly token: string;
}

/**
 * The first-seen request of each token: GetId and GetCredentialsForIdentity with the provider's
 * token of an existing user (so no identity is created), AssumeRoleWithWebIdentity with the same
 * token against the role that trusts the provider (RS256, as the other two verify).
 */
export function firstSeenRequests(
  op: "GetId" | "GetCredentialsForIdentity" | "AssumeRoleWithWebIdentity",
  ctx: RequestContext,
  tokens: readonly MintedToken[],
): WireRequest[] {
  return tokens.map(({ user, token }, i) => {
    const Logins = { [ctx.idp.loginsKey]: token };
    if (op === "GetId") return cognito("GetId", { IdentityPoolId: ctx.pool.poolId, Logins });
    if (op === "GetCredentialsForIdentity") {
      return cognito("GetCredentialsForIdentity", { IdentityId: benchIdentityId(REGION, user), Logins });
    }
    return query({
      Action: "AssumeRoleWithWebIdentity",
      Version: "2011-06-15",
      RoleArn: ctx.pool.providerRoleArn,
      RoleSessionName: `first-seen-${i}`,
      WebIdentityToken: token,
    });
  });
}

/** What the answer to the first-seen request of `tokens[0]` contains. */
export function expectedFirstSeen(op: OperationName, first: MintedToken): string {
  return op === "AssumeRoleWithWebIdentity" ? "assumed-role/BenchWebIdentity/" : benchIdentityId(REGION, first.user);
}
