import type { JWK } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { ManualClock, type ServiceEvent } from "../shared/index.js";
import { KeyDecisions, memorySettings, type SharedSettings } from "./key-decisions.js";
import { KeyContinuityWatch, type WatchState } from "./key-watch.js";
import { keySetOf, rsaJwk } from "./test-support.js";

const URL = "https://idp.example";
const header = (kid: string) => ({ alg: "RS256", kid });

/** One process's watch, on settings that may be shared with another "process". */
function watchOn(settings: SharedSettings, mode: "warn" | "refuse" = "refuse") {
  const events: ServiceEvent[] = [];
  const warnings: string[] = [];
  const log = { warn: (_: object, msg?: string) => warnings.push(msg ?? ""), info: () => undefined };
  const watch = new KeyContinuityWatch({
    mode,
    events: { emit: (e) => events.push(e) },
    log,
    decisions: new KeyDecisions(settings),
    clock: new ManualClock(1_000_000),
  });
  return { watch, events, warnings, state: {} as WatchState };
}

describe("KeyContinuityWatch", () => {
  let a: JWK;
  let b: JWK;
  beforeAll(async () => {
    a = await rsaJwk("a");
    b = await rsaJwk("b");
  });

  it("adopts the first set and a rotation without a word", async () => {
    const p = watchOn(memorySettings());
    expect(await p.watch.judge(URL, p.state, keySetOf([a]))).toBe("adopt");
    expect(await p.watch.judge(URL, p.state, keySetOf([b, a]))).toBe("adopt");
    expect(await p.watch.judge(URL, p.state, keySetOf([b]))).toBe("adopt");
    expect([p.events, p.warnings]).toEqual([[], []]);
  });

  it("warn mode adopts a replaced set after one warning and one event", async () => {
    const p = watchOn(memorySettings(), "warn");
    await p.watch.judge(URL, p.state, keySetOf([a]));
    expect(await p.watch.judge(URL, p.state, keySetOf([b]))).toBe("adopt");
    expect(p.warnings).toHaveLength(1);
    expect(p.events).toEqual([
      {
        type: "key_discontinuity",
        provider: URL,
        kind: "key_set_replaced",
        previousKids: ["a"],
        newKids: ["b"],
        action: "warned",
      },
    ]);
    expect(p.watch.refusal(URL, p.state, header("b"))).toBeUndefined();
  });

  it("refuse mode holds the set back, reports it once, and lets it go when the provider reverts", async () => {
    const p = watchOn(memorySettings());
    await p.watch.judge(URL, p.state, keySetOf([a]));
    expect(await p.watch.judge(URL, p.state, keySetOf([b]))).toBe("keep");
    expect(await p.watch.judge(URL, p.state, keySetOf([b]))).toBe("keep");
    expect([p.warnings.length, p.events.length]).toEqual([1, 1]);
    expect(p.watch.refusal(URL, p.state, header("b"))?.detail).toContain(
      "idpool providers accept-keys https://idp.example",
    );
    expect(p.watch.refusal(URL, p.state, header("a"))).toBeUndefined();
    expect(await p.watch.judge(URL, p.state, keySetOf([a]))).toBe("adopt");
    expect(p.watch.refusal(URL, p.state, header("b"))).toBeUndefined();
  });

  it("shares refusals and acceptances between processes on one store", async () => {
    const settings = memorySettings();
    const [one, two] = [watchOn(settings), watchOn(settings)];
    for (const p of [one, two]) await p.watch.judge(URL, p.state, keySetOf([a]));
    expect(await one.watch.judge(URL, one.state, keySetOf([b]))).toBe("keep");
    await new Promise((resolve) => setTimeout(resolve, 0)); // the refusal is recorded in the background
    // `two` has refused nothing itself, yet can accept what `one` refused, by its kids.
    expect(await two.watch.accept(URL, [two.state], ["b"])).toEqual({ ok: true, acceptedKids: ["b"] });
    expect(await two.watch.accept(URL, [two.state], undefined)).toEqual({ ok: false, problem: "nothing_pending" });
    expect(await one.watch.judge(URL, one.state, keySetOf([b]))).toBe("adopt");
    expect(await two.watch.judge(URL, two.state, keySetOf([b]))).toBe("adopt");
    expect([one.warnings.length, two.warnings.length]).toEqual([1, 0]);
  });

  it("records one refusal per set however many processes refuse it", async () => {
    const settings = memorySettings();
    const [one, two] = [new KeyDecisions(settings), new KeyDecisions(settings)];
    const refused = {
      kinds: ["key_set_replaced" as const],
      previousKids: ["a"],
      newKids: ["b"],
      digest: "d1",
      refusedAtMs: 1,
    };
    await Promise.all([one.recordRefused(URL, refused), two.recordRefused(URL, refused)]);
    await two.recordRefused(URL, { ...refused, newKids: ["c"], digest: "d2" });
    expect(await settings.get(`oidc-keys:refused:${URL}:3`)).toBeUndefined();
    expect((await one.pending(URL))?.digest).toBe("d2");
    await one.accept(URL, { ...refused, digest: "d2" }, 5);
    expect(await two.pending(URL)).toBeUndefined();
    expect(await two.isAccepted(URL, "d1")).toBe(false);
  });
});
