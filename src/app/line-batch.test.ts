import { describe, expect, it } from "vitest";
import { LineBatch, type LineSink } from "./line-batch.js";

function recordingSink() {
  const writes: string[] = [];
  const calls: string[] = [];
  const sink: LineSink = {
    write: (text) => {
      writes.push(text);
      return true;
    },
    flush: (cb) => {
      calls.push("flush");
      cb?.();
    },
    flushSync: () => {
      calls.push("flushSync");
    },
  };
  return { sink, writes, calls };
}

describe("LineBatch", () => {
  it("hands the destination one string per batch, in order, once it reaches its size", () => {
    const { sink, writes } = recordingSink();
    const batch = new LineBatch(sink, 10);
    batch.write("aaaa\n");
    expect(writes).toEqual([]);
    batch.write("bbbb\n");
    expect(writes).toEqual(["aaaa\nbbbb\n"]);
    batch.write("cc\n");
    batch.write("dddddddddd\n");
    expect(writes).toEqual(["aaaa\nbbbb\n", "cc\ndddddddddd\n"]);
  });

  it("hands over a partial batch before the destination's flush, and calls back after it", () => {
    const { sink, writes, calls } = recordingSink();
    const batch = new LineBatch(sink, 4096);
    batch.write("one\n");
    batch.write("two\n");
    let called = false;
    batch.flush(() => {
      called = true;
    });
    expect(writes).toEqual(["one\ntwo\n"]);
    expect(calls).toEqual(["flush"]);
    expect(called).toBe(true);
    batch.flush();
    expect(writes).toEqual(["one\ntwo\n"]);
  });

  it("writes what is gathered before a synchronous flush (process exit)", () => {
    const { sink, writes, calls } = recordingSink();
    const batch = new LineBatch(sink, 4096);
    batch.write("last\n");
    batch.flushSync();
    expect(writes).toEqual(["last\n"]);
    expect(calls).toEqual(["flushSync"]);
  });
});
