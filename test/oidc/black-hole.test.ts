/**
 * A provider that accepts connections and never answers, once its keys are past their max-age:
 * logins with known keys are served from the last good keys at once while one fetch at a time
 * refreshes them in the background; the retry pause counts from the failure; an unknown kid waits
 * for one fetch at most.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { OidcVerifier } from "../../src/oidc/index.js";
import type { Clock } from "../../src/shared/index.js";
import { startTestOidcProvider, type TestOidcProvider } from "../support/oidc-provider.js";
import { type BlackHole, startBlackHole } from "./black-hole.js";
import { type LogLine, reasonOf, registrationOf } from "./helpers.js";

/** Real time plus a shift: time passes while a fetch hangs, as it does in production. */
class ShiftedClock implements Clock {
  private shiftMs = 0;
  nowMs(): number {
    return Date.now() + this.shiftMs;
  }
  advanceMs(ms: number): void {
    this.shiftMs += ms;
  }
}

const PAST_MAX_AGE_MS = 11 * 60_000; // the default max-age is 10 min

describe("a black-holed provider", () => {
  let idp: TestOidcProvider;
  let hole: BlackHole | undefined;
  let clock: ShiftedClock;
  let logs: LogLine[];
  let verifier: OidcVerifier | undefined;

  const start = (timeoutMs: number) => {
    const log = {
      warn: (obj: object, msg?: string) => logs.push({ level: "warn", obj, msg }),
      info: (obj: object, msg?: string) => logs.push({ level: "info", obj, msg }),
    };
    const trust = { trustPublicCa: false, allowHttpProviders: false };
    verifier = new OidcVerifier({ clock, trust, log, fetch: { timeoutMs } });
    return verifier;
  };
  /** Verifies a fresh token (kid `kid`, default the provider's) and says how long it took. */
  const login = async (v: OidcVerifier, kid?: string) => {
    const nowSeconds = Math.floor(clock.nowMs() / 1000);
    const token = await idp.issueToken({ iat: nowSeconds, exp: nowSeconds + 3600 }, kid ? { kid } : {});
    const startedMs = performance.now();
    const outcome = await v.verify(token, registrationOf(idp), idp.loginsKey);
    return { reason: reasonOf(outcome), elapsedMs: performance.now() - startedMs };
  };
  /** Warms the cache, then black-holes the provider's address and lets the keys go past max-age. */
  const blackHoleAfterWarmUp = async (v: OidcVerifier) => {
    expect((await login(v)).reason).toBe("accepted");
    await idp.stop();
    hole = await startBlackHole(idp.port);
    clock.advanceMs(PAST_MAX_AGE_MS);
    return hole;
  };
  const failures = () => logs.filter((l) => l.msg === "oidc: cannot refresh provider keys; using the last good ones");

  beforeEach(async () => {
    idp = await startTestOidcProvider();
    clock = new ShiftedClock();
    logs = [];
  });
  afterEach(async () => {
    verifier?.close();
    await hole?.close();
    await idp.stop();
    verifier = undefined;
    hole = undefined;
  });

  it("answers logins with known keys at once, with one background fetch in flight", async () => {
    const v = start(5_000); // the default fetch deadline
    const blackHole = await blackHoleAfterWarmUp(v);
    const logins = [];
    for (let i = 0; i < 4; i++) logins.push(await login(v));
    expect(logins.map((l) => l.reason)).toEqual(Array(4).fill("accepted"));
    // Not a benchmark: only "did not wait for the 5 s fetch deadline".
    for (const { elapsedMs } of logins) expect(elapsedMs).toBeLessThan(1_000);
    await vi.waitFor(() => expect(blackHole.accepted()).toBe(1));
    expect(blackHole.open()).toBe(1);
  });

  it("counts the retry pause from the failed fetch's end, not its start", async () => {
    const v = start(1_000);
    const blackHole = await blackHoleAfterWarmUp(v);
    expect((await login(v)).reason).toBe("accepted");
    await vi.waitFor(() => expect(failures()).toHaveLength(1), { timeout: 3_000 });
    expect(blackHole.accepted()).toBe(1);
    // 1 s of fetch + 4 s is past 5 s since the fetch started, but only 4 s since it failed.
    clock.advanceMs(4_000);
    const paused = await login(v);
    expect([paused.reason, blackHole.accepted()]).toEqual(["accepted", 1]);
    clock.advanceMs(1_000);
    const retried = await login(v);
    expect(retried.reason).toBe("accepted");
    expect(retried.elapsedMs).toBeLessThan(500);
    await vi.waitFor(() => expect(blackHole.accepted()).toBe(2));
  });

  it("lets a token with an unknown kid wait for one fetch at most", async () => {
    const v = start(1_000);
    const blackHole = await blackHoleAfterWarmUp(v); // also past the 30 s cooldown
    const [unknown, known] = await Promise.all([login(v, "rotated-kid"), login(v)]);
    expect(known.reason).toBe("accepted");
    expect(known.elapsedMs).toBeLessThan(500);
    expect(unknown.reason).toBe("no_matching_key");
    expect(unknown.elapsedMs).toBeGreaterThan(900);
    expect(unknown.elapsedMs).toBeLessThan(1_900); // one 1 s deadline, not two
    expect(blackHole.accepted()).toBe(1);
    // Within the cooldown: refused without waiting or asking again.
    const again = await login(v, "rotated-kid");
    expect([again.reason, again.elapsedMs < 500, blackHole.accepted()]).toEqual(["no_matching_key", true, 1]);
  });
});
