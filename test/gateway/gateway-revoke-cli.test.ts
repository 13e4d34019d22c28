import { describe, expect, it } from "vitest";
import { registerRevokeCommand } from "../../src/cli/revoke.js";
import { ApiError, httpCaller } from "../../src/setup/index.js";
import { runCli } from "../cli/cli-harness.js";
import { errorOf, TEST_ROOT } from "../support/server.js";
import { pastTheSecondOf, SESSION_ARN, useRevocationRig } from "./revocation-rig.js";

/**
 * `idpool revoke --pool ID --issued-before TIME` end to end, and what IdpoolService.RevokeSessions
 * refuses (README: Revocation), through the real command where a user would type it and through
 * the signed API where the command itself stops a mistake before calling.
 */

const UNKNOWN_IDENTITY = "us-east-1:00000000-0000-4000-8000-000000000000";
const UNKNOWN_POOL = "us-east-1:11111111-1111-4111-8111-111111111111";

const rig = useRevocationRig();
const revoke = (...args: string[]) => runCli(registerRevokeCommand, ["revoke", ...args], { env: rig.env });

describe("idpool revoke --pool", () => {
  it("refuses every identity of the pool issued before --issued-before, and keeps what was issued since", async () => {
    const alice = await rig.signIn("pool-alice");
    const bob = await rig.signIn("pool-bob");
    // The revocation time: the next whole second, after which `carol` is issued.
    const signedInMs = Date.now();
    const cutMs = Math.floor(signedInMs / 1000) * 1000 + 1000;
    await pastTheSecondOf(signedInMs);
    const carol = await rig.signIn("pool-carol");
    const cutIso = new Date(cutMs).toISOString();
    for (const who of [alice, bob, carol]) expect(await rig.callerArn(who.creds)).toBe(SESSION_ARN);

    const run = await revoke("--pool", rig.f.pool.poolId, "--issued-before", cutIso);
    expect(run).toEqual({
      out: `revoked the credentials and OpenID tokens of every identity of pool ${rig.f.pool.poolId} issued before ${cutIso}\n`,
      err: "",
      exitCode: 0,
    });
    for (const who of [alice, bob]) {
      const expired = await errorOf(() => rig.callerArn(who.creds));
      expect([expired.name, expired.message]).toEqual([
        "ExpiredToken",
        "The security token included in the request is expired",
      ]);
      expect(await rig.gatewayUntil(who.creds, (status) => status === 403)).toMatchObject({
        status: 403,
        json: {
          message: `The security token included in the request was revoked: sessions issued before ${cutIso} are no longer accepted`,
        },
      });
    }
    expect(await rig.callerArn(carol.creds)).toBe(SESSION_ARN);
    expect((await rig.invoke(carol.creds)).status).toBe(200);
  });

  it("takes epoch seconds too, and exits 1 with idpool's answer for a time to come", async () => {
    const nowSeconds = Math.floor(Date.now() / 1000);
    const past = await revoke("--pool", rig.f.pool.poolId, "--issued-before", String(nowSeconds - 60));
    expect(past).toEqual({
      out: `revoked the credentials and OpenID tokens of every identity of pool ${rig.f.pool.poolId} issued before ${new Date((nowSeconds - 60) * 1000).toISOString()}\n`,
      err: "",
      exitCode: 0,
    });
    const future = await revoke("--pool", rig.f.pool.poolId, "--issued-before", String(nowSeconds + 3600));
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
    const { identityId, creds } = await rig.signIn("pool-mallory");
    const asSession = {
      AWS_ACCESS_KEY_ID: creds.accessKeyId,
      AWS_SECRET_ACCESS_KEY: creds.secretAccessKey,
      AWS_SESSION_TOKEN: creds.sessionToken ?? "",
      IDPOOL_ENDPOINT: rig.f.pool.server.url,
    };
    const denied = await runCli(registerRevokeCommand, ["revoke", "--identity", identityId], { env: asSession });
    expect(denied).toEqual({
      out: "",
      err: `idpool revoke: AccessDeniedException: User: ${SESSION_ARN} is not authorized to perform: idpool:RevokeSessions\n`,
      exitCode: 1,
    });
    // Refused, so nothing was revoked: the session still stands.
    expect(await rig.callerArn(creds)).toBe(SESSION_ARN);
  });

  it("exits 2 without calling for a usage error: neither or both targets, a time it cannot read, no credentials", async () => {
    const usage = (message: string) => ({ out: "", err: `idpool revoke: ${message}\n`, exitCode: 2 });
    expect(await revoke()).toEqual(usage("give exactly one of --identity ID and --pool ID"));
    expect(await revoke("--identity", UNKNOWN_IDENTITY, "--pool", rig.f.pool.poolId)).toEqual(
      usage("give exactly one of --identity ID and --pool ID"),
    );
    expect(await revoke("--pool", rig.f.pool.poolId, "--issued-before", "yesterday")).toEqual(
      usage("--issued-before: not a time: yesterday (ISO 8601 or epoch seconds)"),
    );
    const anonymous = await runCli(registerRevokeCommand, ["revoke", "--pool", rig.f.pool.poolId], {
      env: { IDPOOL_ENDPOINT: rig.f.pool.server.url },
    });
    expect(anonymous).toEqual(
      usage(
        "no credentials: set IDPOOL_ROOT_ACCESS_KEY_ID and IDPOOL_ROOT_SECRET_ACCESS_KEY (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY) to the root credentials",
      ),
    );
  });

  it("RevokeSessions itself answers InvalidParameterException for both targets or neither", async () => {
    const call = httpCaller({ endpoint: rig.f.pool.server.url, region: "us-east-1", credentials: TEST_ROOT });
    const { identityId } = await rig.signIn("pool-dave");
    for (const input of [{}, { IdentityId: identityId, IdentityPoolId: rig.f.pool.poolId }]) {
      const error = await errorOf(() => call("idpool", "RevokeSessions", input));
      expect(error).toBeInstanceOf(ApiError);
      expect([(error as ApiError).code, error.message]).toEqual([
        "InvalidParameterException",
        "Give exactly one of IdentityId and IdentityPoolId.",
      ]);
    }
  });
});
