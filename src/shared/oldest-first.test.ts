import { describe, expect, it } from "vitest";
import { OldestFirst } from "./oldest-first.js";

describe("OldestFirst", () => {
  it("evicts in insertion order, then reports an empty map", () => {
    const map = new Map([
      ["a", 1],
      ["b", 2],
    ]);
    const oldest = new OldestFirst(map);
    expect(oldest.evict()).toEqual(["a", 1]);
    expect(oldest.evict()).toEqual(["b", 2]);
    expect(oldest.evict()).toBeUndefined();
    expect(map.size).toBe(0);
  });

  it("skips entries deleted by others and counts a re-added key from its new insertion", () => {
    const map = new Map<string, number>();
    const oldest = new OldestFirst(map);
    for (const key of ["a", "b", "c", "d"]) map.set(key, 0);
    map.delete("b");
    map.delete("a");
    map.set("a", 1);
    map.set("c", 2); // a value replaced in place keeps its age
    expect(oldest.evict()).toEqual(["c", 2]);
    expect(oldest.evict()).toEqual(["d", 0]);
    expect(oldest.evict()).toEqual(["a", 1]);
  });

  it("keeps working when the map was emptied, by eviction or clear(), and filled again", () => {
    const map = new Map<string, number>([["a", 1]]);
    const oldest = new OldestFirst(map);
    expect(oldest.evict()).toEqual(["a", 1]);
    expect(oldest.evict()).toBeUndefined();
    map.set("b", 2);
    expect(oldest.evict()).toEqual(["b", 2]);
    map.set("c", 3).set("d", 4);
    map.clear();
    map.set("e", 5);
    expect(oldest.evict()).toEqual(["e", 5]);
  });

  it("as a bounded cache's eviction, keeps what `keys().next()` would keep, through many rehashes", () => {
    const map = new Map<number, number>();
    const model = new Map<number, number>();
    const oldest = new OldestFirst(map);
    for (let i = 0; i < 50_000; i++) {
      for (const m of [map, model]) if (i % 7 === 3) m.delete(i - 2); // dropped out of turn, as expired ones are
      if (map.size >= 1000) oldest.evict();
      if (model.size >= 1000) model.delete(model.keys().next().value ?? -1);
      map.set(i, i);
      model.set(i, i);
    }
    expect(map.size).toBe(1000);
    expect([...map.keys()]).toEqual([...model.keys()]);
  });
});
