import { describe, expect, it } from "vitest";
import { ManualClock } from "../../shared/index.js";
import { TokenBucket } from "./token-bucket.js";

/** How many of `n` takes in a row pass, without the clock moving. */
function passes(bucket: TokenBucket, n: number): number {
  let passed = 0;
  for (let i = 0; i < n; i++) if (bucket.tryTake()) passed++;
  return passed;
}

describe("TokenBucket", () => {
  it("lets a burst of one second's worth through at once, then refuses", () => {
    const bucket = new TokenBucket(5, new ManualClock(1_000));
    expect(passes(bucket, 8)).toBe(5);
  });

  it("refills continuously: one token every 1/rate seconds", () => {
    const clock = new ManualClock(1_000);
    const bucket = new TokenBucket(4, clock);
    expect(passes(bucket, 4)).toBe(4);
    clock.advanceMs(249);
    expect(bucket.tryTake()).toBe(false);
    clock.advanceMs(1);
    expect(bucket.tryTake()).toBe(true);
    expect(bucket.tryTake()).toBe(false);
    clock.advanceMs(500);
    expect(passes(bucket, 3)).toBe(2);
  });

  it("holds at most one second of tokens however long it is idle", () => {
    const clock = new ManualClock(1_000);
    const bucket = new TokenBucket(3, clock);
    clock.advanceMs(60_000);
    expect(passes(bucket, 10)).toBe(3);
  });

  it("serves a fractional rate: 2.5 a second holds 2.5 tokens and refills one in 400 ms", () => {
    const clock = new ManualClock(0);
    const bucket = new TokenBucket(2.5, clock);
    expect(passes(bucket, 3)).toBe(2);
    // 0.5 left: 200 ms more make 1.
    clock.advanceMs(199);
    expect(bucket.tryTake()).toBe(false);
    clock.advanceMs(1);
    expect(bucket.tryTake()).toBe(true);
    clock.advanceMs(400);
    expect(passes(bucket, 2)).toBe(1);
  });

  it("lets one request through at a rate below 1, then one every 1/rate seconds", () => {
    const clock = new ManualClock(0);
    const bucket = new TokenBucket(0.5, clock);
    expect(passes(bucket, 2)).toBe(1);
    clock.advanceMs(1_999);
    expect(bucket.tryTake()).toBe(false);
    clock.advanceMs(1);
    expect(bucket.tryTake()).toBe(true);
    clock.advanceMs(10_000);
    expect(passes(bucket, 2)).toBe(1);
  });

  it("adds nothing when the clock is set back, and refills from the new time", () => {
    const clock = new ManualClock(10_000);
    const bucket = new TokenBucket(1, clock);
    expect(bucket.tryTake()).toBe(true);
    clock.set(5_000);
    expect(bucket.tryTake()).toBe(false);
    clock.advanceMs(1_000);
    expect(bucket.tryTake()).toBe(true);
  });

  it("refuses a rate that is not above 0", () => {
    expect(() => new TokenBucket(0, new ManualClock(0))).toThrow("a token bucket needs a rate above 0, got 0");
    expect(() => new TokenBucket(Number.NaN, new ManualClock(0))).toThrow("got NaN");
  });
});
