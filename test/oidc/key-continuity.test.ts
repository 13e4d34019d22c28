/**
 * The key-continuity watch end to end (README: "Key-continuity watch"): a real idpool and a real test
 * provider over HTTPS that rotates or replaces its keys. A refetch is forced the way a new kid forces
 * one: a token with a kid not yet known, once the 30 s cooldown has passed on the shared manual clock.
 */
import { GetIdCommand } from "@aws-sdk/client-cognito-identity";
import { afterEach, describe, expect, it } from "vitest";
import { registerProvidersCommand } from "../../src/cli/providers.js";
import { ManualClock, type ServiceEvent } from "../../src/shared/index.js";
import { runCli } from "../cli/cli-harness.js";
import { type PoolFixture, startPoolFixture } from "../support/pool-fixture.js";
import { errorOf, TEST_ROOT } from "../support/server.js";
import { sharedTestCa } from "../support/test-ca.js";

const WATCH_WARNING = /^oidc: key-continuity watch: /;

describe("key-continuity watch", () => {
  let f: PoolFixture | undefined;
  afterEach(async () => {
    await f?.stop();
    f = undefined;
  });

  async function start(mode: "warn" | "refuse") {
    await sharedTestCa(); // made first: the manual clock must not start before its certificates' notBefore
    const clock = new ManualClock(Date.now());
    const events: ServiceEvent[] = [];
    const fixture = await startPoolFixture({
      server: { clock, flags: { onKeyDiscontinuity: mode }, eventSinks: [{ emit: (e) => events.push(e) }] },
      idp: { nowMs: () => clock.nowMs() },
    });
    f = fixture;
    const getId = async (signingKid?: string) => {
      const token = await fixture.idp.issueToken({}, signingKid ? { signingKid } : {});
      const Logins = { [fixture.idp.loginsKey]: token };
      return fixture.server.cognito.send(new GetIdCommand({ IdentityPoolId: fixture.poolId, Logins }));
    };
    const warnings = () => fixture.server.logLines.filter((l) => l.level === 40 && WATCH_WARNING.test(String(l.msg)));
    const ofType = <T extends ServiceEvent["type"]>(type: T) =>
      events.filter((e): e is Extract<ServiceEvent, { type: T }> => e.type === type);
    expect((await getId()).IdentityId).toMatch(/^us-east-1:/);
    return { f: fixture, clock, getId, warnings, ofType };
  }

  it("says nothing about a normal rotation (new key published beside the old one), in refuse mode too", async () => {
    const t = await start("refuse");
    const oldKid = t.f.idp.currentKid();
    const newKid = await t.f.idp.rotateKeys();
    t.clock.advanceMs(31_000);
    expect((await t.getId()).IdentityId).toMatch(/^us-east-1:/);
    expect((await t.getId(oldKid)).IdentityId).toMatch(/^us-east-1:/);
    expect(t.warnings()).toEqual([]);
    expect(t.ofType("key_discontinuity")).toEqual([]);
    expect(t.ofType("jwks_fetch")).toEqual([
      { type: "jwks_fetch", provider: t.f.idp.url, result: "ok" },
      { type: "jwks_fetch", provider: t.f.idp.url, result: "ok" },
    ]);
    expect(newKid).not.toBe(oldKid);
  });

  it("warn mode: a replaced key set is logged with both kid sets, counted and audited, and used", async () => {
    const t = await start("warn");
    const oldKid = t.f.idp.currentKid();
    const newKid = await t.f.idp.replaceKeys();
    t.clock.advanceMs(31_000);
    expect((await t.getId()).IdentityId).toMatch(/^us-east-1:/);
    const [warning, ...more] = t.warnings();
    expect(more).toEqual([]);
    expect(warning).toMatchObject({
      provider: t.f.idp.url,
      kinds: ["key_set_replaced"],
      previousKids: [oldKid],
      newKids: [newKid],
      action: "warned",
    });
    expect(String(warning?.msg)).toContain(`provider ${t.f.idp.url} replaced its whole key set`);
    expect(String(warning?.msg)).toContain(`previous kids: ${oldKid}; new kids: ${newKid}`);
    expect(t.ofType("key_discontinuity")).toEqual([
      {
        type: "key_discontinuity",
        provider: t.f.idp.url,
        kind: "key_set_replaced",
        previousKids: [oldKid],
        newKids: [newKid],
        action: "warned",
      },
    ]);
  });

  it("refuse mode: keeps the last good keys, refuses the new ones saying why, until accept-keys", async () => {
    const t = await start("refuse");
    const url = t.f.idp.url;
    const oldKid = t.f.idp.currentKid();
    const newKid = await t.f.idp.replaceKeys();
    t.clock.advanceMs(31_000);
    const refused = await errorOf(() => t.getId());
    expect([refused.name, refused.message]).toEqual([
      "NotAuthorizedException",
      "Invalid login token. Couldn't verify signed token.",
    ]);
    expect(t.warnings()).toMatchObject([{ provider: url, previousKids: [oldKid], newKids: [newKid] }]);
    expect(String(t.warnings()[0]?.msg)).toContain(`idpool providers accept-keys ${url}`);
    expect(t.ofType("key_discontinuity")).toMatchObject([{ kind: "key_set_replaced", action: "refused" }]);
    const detail = t.ofType("login_refused").at(-1)?.detail ?? "";
    expect(detail).toContain(
      `kid "${newKid}" is in the key set provider ${url} published when it replaced its whole key set`,
    );
    expect(detail).toContain(`idpool providers accept-keys ${url}`);
    // Tokens signed by the previous keys go on verifying, without any further fetch.
    expect((await t.getId(oldKid)).IdentityId).toMatch(/^us-east-1:/);
    // Within the cooldown the refusal is the same, and not logged again.
    expect((await errorOf(() => t.getId())).name).toBe("NotAuthorizedException");
    expect(t.warnings()).toHaveLength(1);

    const env = {
      IDPOOL_ROOT_ACCESS_KEY_ID: TEST_ROOT.accessKeyId,
      IDPOOL_ROOT_SECRET_ACCESS_KEY: TEST_ROOT.secretAccessKey,
    };
    const cli = (args: string[]) =>
      runCli(registerProvidersCommand, ["providers", "accept-keys", ...args, "--endpoint", t.f.server.url], { env });
    const wrong = await cli([url, "--key-ids", "someone-else"]);
    expect([wrong.exitCode, wrong.err]).toEqual([
      1,
      `idpool providers accept-keys: InvalidParameterException: KeyIds are not the key set waiting for ${url}, whose kids are: ${newKid}.\n`,
    ]);
    const accepted = await cli([url, "--key-ids", newKid]);
    expect(accepted).toEqual({ out: `accepted the new keys of ${url}: ${newKid}\n`, err: "", exitCode: 0 });
    expect((await t.getId()).IdentityId).toMatch(/^us-east-1:/);
    const again = await cli([url]);
    expect([again.exitCode, again.err]).toEqual([
      1,
      `idpool providers accept-keys: ResourceConflictException: OpenIDConnect provider ${url} has no key set waiting for acceptance: idpool has refused none of its keys.\n`,
    ]);
    const unknown = await cli(["https://nobody.example"]);
    expect(unknown.err).toBe(
      "idpool providers accept-keys: ResourceNotFoundException: OpenIDConnect provider https://nobody.example is not registered.\n",
    );
    expect(t.ofType("request").filter((e) => e.operation === "AcceptProviderKeys")).toHaveLength(4);
  });
});
