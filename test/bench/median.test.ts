import { describe, expect, it } from "vitest";
import { median } from "../../bench/median.js";

describe("the telemetry comparison's median", () => {
  it("takes the middle value, or the mean of the two middle ones, whatever the order", () => {
    expect(median([0.93, 0.72, 0.91])).toBe(0.91);
    expect(median([1.24, 0.98, 1.01])).toBe(1.01);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });
});
