import { describe, expect, it } from "vitest";
import { seededIds } from "./ids.js";

describe("seededIds", () => {
  it("gives the same v4-shaped uuids for the same seed, others for another, and random bytes", () => {
    const a = seededIds(42);
    const b = seededIds(42);
    const first = [a.uuid(), a.uuid(), a.uuid()];
    expect([b.uuid(), b.uuid(), b.uuid()]).toEqual(first);
    for (const id of first) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(first).size).toBe(3);
    expect(seededIds(43).uuid()).not.toBe(first[0]);
    expect(a.bytes(16).equals(b.bytes(16))).toBe(false);
  });
});
