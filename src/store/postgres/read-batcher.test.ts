import { describe, expect, it } from "vitest";
import { MAX_BATCH, ReadBatcher } from "./read-batcher.js";

/** A loader whose calls are recorded and answered only when the test says so. */
function controlledLoader() {
  const calls: { keys: readonly string[]; answer: () => void; fail: (e: Error) => void }[] = [];
  const load = (keys: readonly string[]) =>
    new Promise<readonly string[]>((resolve, reject) => {
      calls.push({ keys, answer: () => resolve(keys.map((k) => `value of ${k}`)), fail: reject });
    });
  return { calls, load };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("ReadBatcher", () => {
  it("sends a read at once when nothing is in flight", async () => {
    const { calls, load } = controlledLoader();
    const batcher = new ReadBatcher(load, 1);
    const read = batcher.read("a");
    expect(calls.map((c) => c.keys)).toEqual([["a"]]);
    calls[0]?.answer();
    expect(await read).toBe("value of a");
  });

  it("queues reads behind the one in flight and sends them together, each getting its own answer", async () => {
    const { calls, load } = controlledLoader();
    const batcher = new ReadBatcher(load, 1);
    const first = batcher.read("a");
    const rest = ["b", "c", "b", "d"].map((k) => batcher.read(k));
    expect(calls).toHaveLength(1);
    calls[0]?.answer();
    expect(await first).toBe("value of a");
    await settle();
    expect(calls.map((c) => c.keys)).toEqual([["a"], ["b", "c", "b", "d"]]);
    calls[1]?.answer();
    expect(await Promise.all(rest)).toEqual(["value of b", "value of c", "value of b", "value of d"]);
  });

  it("keeps at most maxInFlight queries running", async () => {
    const { calls, load } = controlledLoader();
    const batcher = new ReadBatcher(load, 2);
    const reads = ["a", "b", "c", "d"].map((k) => batcher.read(k));
    expect(calls.map((c) => c.keys)).toEqual([["a"], ["b"]]);
    calls[1]?.answer();
    await settle();
    expect(calls.map((c) => c.keys)).toEqual([["a"], ["b"], ["c", "d"]]);
    calls[0]?.answer();
    calls[2]?.answer();
    expect(await Promise.all(reads)).toEqual(["value of a", "value of b", "value of c", "value of d"]);
  });

  it("splits a backlog larger than MAX_BATCH", async () => {
    const { calls, load } = controlledLoader();
    const batcher = new ReadBatcher(load, 1);
    const keys = Array.from({ length: MAX_BATCH + 6 }, (_, i) => `k${i}`);
    const first = batcher.read("first");
    const reads = keys.map((k) => batcher.read(k));
    calls[0]?.answer();
    await first;
    await settle();
    expect(calls[1]?.keys).toEqual(keys.slice(0, MAX_BATCH));
    calls[1]?.answer();
    await Promise.all(reads.slice(0, MAX_BATCH));
    await settle();
    expect(calls[2]?.keys).toEqual(keys.slice(MAX_BATCH));
    calls[2]?.answer();
    expect(await Promise.all(reads)).toEqual(keys.map((k) => `value of ${k}`));
  });

  it("fails the query's reads and those queued behind it when the database fails, then serves again", async () => {
    const { calls, load } = controlledLoader();
    const batcher = new ReadBatcher(load, 1);
    const first = batcher.read("a");
    const queued = [batcher.read("b"), batcher.read("c")];
    calls[0]?.fail(new Error("connection refused"));
    await expect(first).rejects.toThrow("connection refused");
    for (const read of queued) await expect(read).rejects.toThrow("connection refused");
    expect(calls).toHaveLength(1);
    const later = batcher.read("d");
    expect(calls[1]?.keys).toEqual(["d"]);
    calls[1]?.answer();
    expect(await later).toBe("value of d");
  });
});
