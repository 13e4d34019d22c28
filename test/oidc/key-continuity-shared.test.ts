/**
 * Refuse mode across processes (README: "Key-continuity watch"): two idpool servers on one SQLite
 * store, as `--workers` runs them. The set one server refuses can be accepted through the other,
 * which has refused nothing itself, and each takes the accepted set up at its next fetch.
 */
import { GetIdCommand } from "@aws-sdk/client-cognito-identity";
import { afterEach, expect, it } from "vitest";
import { registerProvidersCommand } from "../../src/cli/providers.js";
import { ManualClock } from "../../src/shared/index.js";
import { runCli } from "../cli/cli-harness.js";
import { type PoolFixture, startPoolFixture } from "../support/pool-fixture.js";
import { errorOf, startTestServer, TEST_ROOT, type TestServer } from "../support/server.js";
import { sharedTestCa } from "../support/test-ca.js";

let f: PoolFixture | undefined;
let other: TestServer | undefined;
afterEach(async () => {
  await other?.stop();
  await f?.stop();
});

it("accepts through one process a key set another refused; both use it from their next fetch", async () => {
  await sharedTestCa(); // made first: the manual clock must not start before its certificates' notBefore
  const clock = new ManualClock(Date.now());
  const flags = { onKeyDiscontinuity: "refuse" };
  const server = { clock, flags, sharedWithOtherProcesses: true };
  f = await startPoolFixture({ server, idp: { nowMs: () => clock.nowMs() } });
  other = await startTestServer({ ...server, dataDir: f.server.dataDir });
  const [a, b, idp, poolId] = [f.server, other, f.idp, f.poolId];
  const getId = async (server: TestServer) => {
    const Logins = { [idp.loginsKey]: await idp.issueToken() };
    return server.cognito.send(new GetIdCommand({ IdentityPoolId: poolId, Logins }));
  };
  const watch = (server: TestServer, msg: RegExp) => server.logLines.filter((l) => msg.test(String(l.msg)));
  expect((await getId(a)).IdentityId).toMatch(/^us-east-1:/);
  expect((await getId(b)).IdentityId).toMatch(/^us-east-1:/);

  const newKid = await idp.replaceKeys();
  clock.advanceMs(31_000);
  expect((await errorOf(() => getId(a))).name).toBe("NotAuthorizedException");
  expect(watch(a, /key-continuity watch/)).toHaveLength(1);

  const env = {
    IDPOOL_ROOT_ACCESS_KEY_ID: TEST_ROOT.accessKeyId,
    IDPOOL_ROOT_SECRET_ACCESS_KEY: TEST_ROOT.secretAccessKey,
  };
  const accept = await runCli(registerProvidersCommand, ["providers", "accept-keys", idp.url, "--endpoint", b.url], {
    env,
  });
  expect(accept).toEqual({ out: `accepted the new keys of ${idp.url}: ${newKid}\n`, err: "", exitCode: 0 });

  // b fetches (its last fetch is past the cooldown) and finds the set accepted: no warning there.
  expect((await getId(b)).IdentityId).toMatch(/^us-east-1:/);
  expect(watch(b, /key-continuity watch/)).toEqual([]);
  expect(watch(b, /^oidc: using an accepted new key set$/)).toMatchObject([{ provider: idp.url, kids: [newKid] }]);
  // a refetches once its cooldown has passed, and takes the accepted set up too.
  expect((await errorOf(() => getId(a))).name).toBe("NotAuthorizedException");
  clock.advanceMs(31_000);
  expect((await getId(a)).IdentityId).toMatch(/^us-east-1:/);
  expect(watch(a, /key-continuity watch/)).toHaveLength(1);
});
