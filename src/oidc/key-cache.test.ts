import type { JWK } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../shared/index.js";
import type { KeySetOutcome } from "./discovery.js";
import { type KeyTarget, ProviderKeyCache } from "./key-cache.js";
import { DEFAULT_KEY_CACHE_LIMITS } from "./key-cache-limits.js";
import { reject } from "./rejection.js";
import { keySetOf, rsaJwk } from "./test-support.js";

const target: KeyTarget = { url: "https://idp.example", thumbprints: ["aa"] };
const kidA = { alg: "RS256", kid: "a" };
/** Lets pending promise callbacks (a background fetch settling) run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 10));
/** A promise's value, or "still waiting" if it has not settled by the next timer tick. */
const soon = <T>(promise: Promise<T>) => Promise.race([promise, settle().then(() => "still waiting" as const)]);

/** A fetcher answering from a script, counting calls; calls resolve when `release` runs. */
function scriptedFetcher() {
  let answer: () => KeySetOutcome = () => ({ ok: false, rejection: reject("jwks_unreachable", "unset") });
  const state = { calls: 0, hold: false, waiting: [] as (() => void)[] };
  const fetcher = async (): Promise<KeySetOutcome> => {
    state.calls += 1;
    if (state.hold) await new Promise<void>((resolve) => state.waiting.push(resolve));
    return answer();
  };
  const serve = (keys: JWK[], maxAgeSeconds?: number) => {
    answer = () => ({ ok: true, keySet: keySetOf(keys, maxAgeSeconds) });
  };
  const fail = () => {
    answer = () => ({ ok: false, rejection: reject("jwks_unreachable", "down") });
  };
  const release = () => {
    for (const resolve of state.waiting.splice(0)) resolve();
  };
  return { fetcher, serve, fail, release, state };
}

describe("ProviderKeyCache", () => {
  let jwkA: JWK;
  let jwkB: JWK;
  beforeAll(async () => {
    jwkA = await rsaJwk("a");
    jwkB = await rsaJwk("b");
  });
  const make = () => {
    const clock = new ManualClock(1_000_000);
    const script = scriptedFetcher();
    const warnings: string[] = [];
    const log = { warn: (_: object, msg?: string) => warnings.push(msg ?? ""), info: () => undefined };
    const cache = new ProviderKeyCache(script.fetcher, clock, log, DEFAULT_KEY_CACHE_LIMITS);
    return { clock, script, cache, warnings };
  };

  it("fetches once for concurrent callers (single flight)", async () => {
    const { script, cache } = make();
    script.serve([jwkA]);
    script.state.hold = true;
    const pending = Promise.all(Array.from({ length: 10 }, () => cache.keyFor(target, { alg: "RS256", kid: "a" })));
    await new Promise((resolve) => setTimeout(resolve, 10));
    script.release();
    expect((await pending).every((o) => o.ok)).toBe(true);
    expect(script.state.calls).toBe(1);
  });

  it("clamps max-age to [60 s, 24 h] and uses 10 min without one", async () => {
    for (const [maxAge, freshMs] of [
      [undefined, 600_000],
      [1, 60_000],
      [0, 60_000],
      [10 ** 9, 86_400_000],
    ] as const) {
      const { script, cache, clock } = make();
      script.serve([jwkA], maxAge);
      await cache.keyFor(target, { alg: "RS256", kid: "a" });
      expect(cache.describe(target)?.freshUntilMs).toBe(clock.nowMs() + freshMs);
    }
  });

  it("refetches an unknown kid once per cooldown", async () => {
    const { script, cache, clock } = make();
    script.serve([jwkA]);
    await cache.keyFor(target, { alg: "RS256", kid: "a" });
    script.serve([jwkA, jwkB]);
    const early = await cache.keyFor(target, { alg: "RS256", kid: "b" });
    expect(early.ok ? "" : early.rejection.reason).toBe("no_matching_key");
    expect(script.state.calls).toBe(1);
    clock.advanceMs(30_000);
    expect((await cache.keyFor(target, { alg: "RS256", kid: "b" })).ok).toBe(true);
    expect(script.state.calls).toBe(2);
  });

  it("serves stale keys while fetches fail, then gives up after maxStale", async () => {
    const { script, cache, clock, warnings } = make();
    script.serve([jwkA]);
    await cache.keyFor(target, { alg: "RS256", kid: "a" });
    script.fail();
    clock.advanceMs(600_000);
    expect((await cache.keyFor(target, { alg: "RS256", kid: "a" })).ok).toBe(true);
    await settle(); // the refresh runs in the background
    expect(warnings).toEqual(["oidc: cannot refresh provider keys; using the last good ones"]);
    clock.advanceMs(1_000); // within the retry pause: no new attempt
    await cache.keyFor(target, { alg: "RS256", kid: "a" });
    expect(script.state.calls).toBe(2);
    clock.advanceMs(86_400_000);
    const gone = await cache.keyFor(target, { alg: "RS256", kid: "a" });
    expect(gone.ok ? undefined : gone.rejection).toEqual({ reason: "jwks_unreachable", detail: "down" });
  });

  it("answers from the last good keys past max-age, refreshing in the background one fetch at a time", async () => {
    const { script, cache, clock } = make();
    script.serve([jwkA]);
    await cache.keyFor(target, kidA);
    script.state.hold = true; // the provider stops answering
    clock.advanceMs(600_000);
    for (let i = 0; i < 4; i++) {
      const outcome = await soon(cache.keyFor(target, kidA));
      expect(outcome !== "still waiting" && outcome.ok).toBe(true);
    }
    expect(script.state.calls).toBe(2);
    script.release();
  });

  it("counts the retry pause from the failure, not from the start of the fetch", async () => {
    const { script, cache, clock } = make();
    script.serve([jwkA]);
    await cache.keyFor(target, kidA);
    script.fail();
    script.state.hold = true;
    clock.advanceMs(600_000);
    void cache.keyFor(target, kidA); // starts the refresh
    clock.advanceMs(4_000); // the fetch hangs for 4 s, then fails
    script.state.hold = false;
    script.release();
    await settle();
    clock.advanceMs(4_999);
    expect((await cache.keyFor(target, kidA)).ok).toBe(true);
    expect(script.state.calls).toBe(2);
    clock.advanceMs(1);
    expect((await cache.keyFor(target, kidA)).ok).toBe(true);
    expect(script.state.calls).toBe(3);
  });

  it("lets an unknown kid wait for one fetch at most, and a known kid for none", async () => {
    const { script, cache, clock } = make();
    script.serve([jwkA]);
    await cache.keyFor(target, kidA);
    script.fail();
    script.state.hold = true;
    clock.advanceMs(600_000); // past max-age and the cooldown
    const unknown = cache.keyFor(target, { alg: "RS256", kid: "b" });
    const known = await soon(cache.keyFor(target, kidA));
    expect(known !== "still waiting" && known.ok).toBe(true);
    expect(await soon(unknown)).toBe("still waiting");
    script.release();
    const outcome = await unknown;
    expect(outcome.ok ? "" : outcome.rejection.reason).toBe("no_matching_key");
    expect(script.state.calls).toBe(2);
  });

  it("keeps separate entries per thumbprint list", async () => {
    const { script, cache } = make();
    script.serve([jwkA]);
    await cache.keyFor(target, { alg: "RS256", kid: "a" });
    await cache.keyFor({ ...target, thumbprints: ["bb"] }, { alg: "RS256", kid: "a" });
    expect(script.state.calls).toBe(2);
    expect(cache.describe({ ...target, thumbprints: [] })).toBeUndefined();
  });

  it("refuses a kid-less token when several keys could match", async () => {
    const { script, cache } = make();
    script.serve([jwkA, jwkB]);
    const outcome = await cache.keyFor(target, { alg: "RS256" });
    expect(outcome.ok ? undefined : outcome.rejection).toEqual({
      reason: "no_matching_key",
      detail: "the token has no kid and the key set has several usable keys",
    });
  });

  it("does not offer an RSA key for ES256", async () => {
    const { script, cache } = make();
    script.serve([jwkA]);
    const outcome = await cache.keyFor(target, { alg: "ES256", kid: "a" });
    expect(outcome.ok ? "" : outcome.rejection.reason).toBe("no_matching_key");
  });
});
