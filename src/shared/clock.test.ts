import { describe, expect, it } from "vitest";
import { isoTime } from "./clock.js";

describe("isoTime", () => {
  it("writes what toISOString writes, across seconds, milliseconds and the edges of its range", () => {
    const samples = [0, 1, 9, 10, 99, 100, 999, 1000, 1001, 1_796_175_480_783, 1_796_175_480_000, 1_796_175_481_007];
    for (let ms = 1_796_175_479_990; ms < 1_796_175_480_020; ms++) samples.push(ms);
    samples.push(253402300799999, 253402300800000, -1, 1.5, 951782400000 /* 2000-02-29 */);
    for (const ms of samples) expect(isoTime(ms)).toBe(new Date(ms).toISOString());
  });

  it("keeps to the second it is asked about when calls go back and forth", () => {
    expect(isoTime(1_000_000_999)).toBe(new Date(1_000_000_999).toISOString());
    expect(isoTime(1_000_001_000)).toBe(new Date(1_000_001_000).toISOString());
    expect(isoTime(1_000_000_001)).toBe(new Date(1_000_000_001).toISOString());
    for (let i = 0; i < 50; i++) {
      const ms = i % 3 === 0 ? 1_000_000_000 + i : i % 3 === 1 ? 1_000_003_600_000 + i : 1_000_000_500_000 + i * 997;
      expect(isoTime(ms)).toBe(new Date(ms).toISOString());
    }
  });
});
