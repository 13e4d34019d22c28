import { GetCredentialsForIdentityCommand, GetIdCommand } from "@aws-sdk/client-cognito-identity";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerRevokeCommand } from "../../src/cli/revoke.js";
import { ApiError, httpCaller } from "../../src/setup/index.js";
import { runCli } from "../cli/cli-harness.js";
import {
  ACCOUNT,
  API_ARN,
  type Credentials,
  type GatewayFixture,
  smithySigned,
  startGatewayFixture,
} from "../support/gateway-fixture.js";
import { errorOf, TEST_ROOT } from "../support/server.js";

/**
 * `idpool revoke --pool ID --issued-before TIME` end to end, and what IdpoolService.RevokeSessions
 * refuses (README: Revocation), through the real command where a user would type it and through
 * the signed API where the command itself stops a mistake before calling.
 */

let f: GatewayFixture;
let env: Record<string, string>;
const SESSION_ARN = `arn:aws:sts::${ACCOUNT}:assumed-role/FixtureAuth/CognitoIdentityCredentials`;
const UNKNOWN_IDENTITY = "us-east-1:00000000-0000-4000-8000-000000000000";
const UNKNOWN_POOL = "us-east-1:11111111-1111-4111-8111-111111111111";

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

const revoke = (...args: string[]) => runCli(registerRevokeCommand, ["revoke", ...args], { env });

async function signIn(sub: string): Promise<{ identityId: string; creds: Credentials }> {
  const { server, poolId, idp } = f.pool;
  const logins = { [idp.loginsKey]: await idp.issueToken({ sub }) };
  const { IdentityId } = await server.cognito.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: logins }));
  const out = await server.cognito.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins }));
  const c = out.Credentials;
  return {
    identityId: IdentityId ?? "",
    creds: {
      accessKeyId: c?.AccessKeyId ?? "",
      secretAccessKey: c?.SecretKey ?? "",
      sessionToken: c?.SessionToken ?? "",
    },
  };
}

async function callerArn(creds: Credentials): Promise<string | undefined> {
  const sts = new STSClient({ endpoint: f.pool.server.url, region: "us-east-1", maxAttempts: 1, credentials: creds });
  try {
    return (await sts.send(new GetCallerIdentityCommand({}))).Arn;
  } finally {
    sts.destroy();
  }
}

/** The gateway's status for `creds` once it has re-read the revocations (every second), polled up to 5 s. */
async function gatewayStatusSettlingOn(
  creds: Credentials,
  expected: number,
): Promise<{ status: number; json: unknown }> {
  const deadline = Date.now() + 5000;
  let answer = await smithySigned(f.gateway.url, creds, { path: "/orders" });
  while (answer.status !== expected && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    answer = await smithySigned(f.gateway.url, creds, { path: "/orders" });
  }
  return answer;
}

describe("idpool revoke --pool", () => {
  it("refuses every identity of the pool issued before --issued-before, and keeps what was issued since", async () => {
    const alice = await signIn("pool-alice");
    const bob = await signIn("pool-bob");
    // The revocation time: the next whole second, after which `carol` is issued.
    const cutMs = Math.floor(Date.now() / 1000) * 1000 + 1000;
    // A timer may fire a millisecond early by Date.now(): wait until the clock says so.
    while (Date.now() < cutMs) await new Promise((r) => setTimeout(r, cutMs - Date.now()));
    const carol = await signIn("pool-carol");
    const cutIso = new Date(cutMs).toISOString();
    for (const who of [alice, bob, carol]) expect(await callerArn(who.creds)).toBe(SESSION_ARN);

    const run = await revoke("--pool", f.pool.poolId, "--issued-before", cutIso);
    expect(run).toEqual({
      out: `revoked the credentials and OpenID tokens of every identity of pool ${f.pool.poolId} issued before ${cutIso}\n`,
      err: "",
      exitCode: 0,
    });
    for (const who of [alice, bob]) {
      const expired = await errorOf(() => callerArn(who.creds));
      expect([expired.name, expired.message]).toEqual([
        "ExpiredToken",
        "The security token included in the request is expired",
      ]);
      expect(await gatewayStatusSettlingOn(who.creds, 403)).toMatchObject({
        status: 403,
        json: {
          message: `The security token included in the request was revoked: sessions issued before ${cutIso} are no longer accepted`,
        },
      });
    }
    expect(await callerArn(carol.creds)).toBe(SESSION_ARN);
    expect((await smithySigned(f.gateway.url, carol.creds, { path: "/orders" })).status).toBe(200);
  });

  it("takes epoch seconds too, and exits 1 with idpool's answer for a time to come", async () => {
    const nowSeconds = Math.floor(Date.now() / 1000);
    const past = await revoke("--pool", f.pool.poolId, "--issued-before", String(nowSeconds - 60));
    expect(past).toEqual({
      out: `revoked the credentials and OpenID tokens of every identity of pool ${f.pool.poolId} issued before ${new Date((nowSeconds - 60) * 1000).toISOString()}\n`,
      err: "",
      exitCode: 0,
    });
    const future = await revoke("--pool", f.pool.poolId, "--issued-before", String(nowSeconds + 3600));
    expect(future).toEqual({
      out: "",
      err: "idpool revoke: InvalidParameterException: IssuedBefore must not be in the future.\n",
      exitCode: 1,
    });
  });

  it("exits 1 for an unknown identity or pool, and for temporary credentials instead of root", async () => {
    expect(await revoke("--identity", UNKNOWN_IDENTITY)).toEqual({
      out: "",
      err: `idpool revoke: ResourceNotFoundException: Identity '${UNKNOWN_IDENTITY}' not found.\n`,
      exitCode: 1,
    });
    expect(await revoke("--pool", UNKNOWN_POOL)).toEqual({
      out: "",
      err: `idpool revoke: ResourceNotFoundException: IdentityPool '${UNKNOWN_POOL}' not found.\n`,
      exitCode: 1,
    });
    const { identityId, creds } = await signIn("pool-mallory");
    const asSession = {
      AWS_ACCESS_KEY_ID: creds.accessKeyId,
      AWS_SECRET_ACCESS_KEY: creds.secretAccessKey,
      AWS_SESSION_TOKEN: creds.sessionToken ?? "",
      IDPOOL_ENDPOINT: f.pool.server.url,
    };
    const denied = await runCli(registerRevokeCommand, ["revoke", "--identity", identityId], { env: asSession });
    expect(denied).toEqual({
      out: "",
      err: `idpool revoke: AccessDeniedException: User: ${SESSION_ARN} is not authorized to perform: idpool:RevokeSessions\n`,
      exitCode: 1,
    });
    // Refused, so nothing was revoked: the session still stands.
    expect(await callerArn(creds)).toBe(SESSION_ARN);
  });

  it("exits 2 without calling for a usage error: neither or both targets, a time it cannot read, no credentials", async () => {
    const usage = (message: string) => ({ out: "", err: `idpool revoke: ${message}\n`, exitCode: 2 });
    expect(await revoke()).toEqual(usage("give exactly one of --identity ID and --pool ID"));
    expect(await revoke("--identity", UNKNOWN_IDENTITY, "--pool", f.pool.poolId)).toEqual(
      usage("give exactly one of --identity ID and --pool ID"),
    );
    expect(await revoke("--pool", f.pool.poolId, "--issued-before", "yesterday")).toEqual(
      usage("--issued-before: not a time: yesterday (ISO 8601 or epoch seconds)"),
    );
    const anonymous = await runCli(registerRevokeCommand, ["revoke", "--pool", f.pool.poolId], {
      env: { IDPOOL_ENDPOINT: f.pool.server.url },
    });
    expect(anonymous).toEqual(
      usage(
        "no credentials: set IDPOOL_ROOT_ACCESS_KEY_ID and IDPOOL_ROOT_SECRET_ACCESS_KEY (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY) to the root credentials",
      ),
    );
  });

  it("RevokeSessions itself answers InvalidParameterException for both targets or neither", async () => {
    const call = httpCaller({ endpoint: f.pool.server.url, region: "us-east-1", credentials: TEST_ROOT });
    const { identityId } = await signIn("pool-dave");
    for (const input of [{}, { IdentityId: identityId, IdentityPoolId: f.pool.poolId }]) {
      const error = await errorOf(() => call("idpool", "RevokeSessions", input));
      expect(error).toBeInstanceOf(ApiError);
      expect([(error as ApiError).code, error.message]).toEqual([
        "InvalidParameterException",
        "Give exactly one of IdentityId and IdentityPoolId.",
      ]);
    }
  });
});
