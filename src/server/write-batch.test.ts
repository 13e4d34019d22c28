import { setImmediate as nextCheckPhase } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { WriteBatch } from "./write-batch.js";

describe("WriteBatch", () => {
  it("runs the writes of one turn together, in order, after the turn's promises have settled", async () => {
    const ran: string[] = [];
    const batch = new WriteBatch<string>(() => {});
    batch.add("a", () => ran.push("a"));
    await Promise.resolve();
    batch.add("b", () => ran.push("b"));
    expect(ran).toEqual([]);
    await nextCheckPhase();
    expect(ran).toEqual(["a", "b"]);
  });

  it("hands a write that throws to onError with its target, and still runs the rest", async () => {
    const ran: string[] = [];
    const failed: Array<[unknown, string]> = [];
    const batch = new WriteBatch<string>((error, target) => failed.push([error, target]));
    const boom = new Error("invalid header");
    batch.add("a", () => {
      throw boom;
    });
    batch.add("b", () => ran.push("b"));
    await nextCheckPhase();
    expect(failed).toEqual([[boom, "a"]]);
    expect(ran).toEqual(["b"]);
  });

  it("keeps a write added while a batch runs for the next turn, and starts again after", async () => {
    const ran: string[] = [];
    const batch = new WriteBatch<string>(() => {});
    batch.add("a", () => {
      ran.push("a");
      batch.add("c", () => ran.push("c"));
    });
    await nextCheckPhase();
    expect(ran).toEqual(["a"]);
    await nextCheckPhase();
    expect(ran).toEqual(["a", "c"]);
    batch.add("d", () => ran.push("d"));
    await nextCheckPhase();
    expect(ran).toEqual(["a", "c", "d"]);
  });
});
