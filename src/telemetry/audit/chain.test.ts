import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { CHAIN_START, canonicalJson, canonicalRecord, GENESIS_HASH, lineHash, sealLine, sealLines } from "./chain.js";

describe("audit chain", () => {
  it("writes canonical JSON: members sorted at every depth, arrays in order, no whitespace", () => {
    expect(canonicalJson({ b: [3, { z: 1, a: null }], a: "x\u00e9\n", c: true })).toBe(
      '{"a":"x\u00e9\\n","b":[3,{"a":null,"z":1}],"c":true}',
    );
    // By UTF-16 code units, whether the members come in order or not.
    expect(canonicalJson({ B: 1, a: [], "\u00e9": {}, z: 2 })).toBe('{"B":1,"a":[],"z":2,"\u00e9":{}}');
    expect(canonicalJson({ "\u00e9": 0, z: 2, a: 1, B: [{}] })).toBe('{"B":[{}],"a":1,"z":2,"\u00e9":0}');
  });

  it("hashes prev followed by the canonical line without its hash", () => {
    const content = {
      seq: 1,
      time: "2030-01-01T00:00:00.000Z",
      event: { type: "events_lost", count: 2 },
      prev: GENESIS_HASH,
    };
    const expected = createHash("sha256")
      .update(
        `${GENESIS_HASH}{"event":{"count":2,"type":"events_lost"},"prev":"${GENESIS_HASH}","seq":1,"time":"2030-01-01T00:00:00.000Z"}`,
      )
      .digest("hex");
    expect(lineHash(content)).toBe(expected);
    const sealed = sealLine(content);
    expect(sealed.hash).toBe(expected);
    expect(sealed.text).toBe(
      `{"seq":1,"time":"2030-01-01T00:00:00.000Z","event":{"count":2,"type":"events_lost"},"prev":"${GENESIS_HASH}","hash":"${expected}"}\n`,
    );
  });

  it("hashes the parsed line to the same value whatever its member order", () => {
    const sealed = sealLine({ seq: 7, time: "t", event: { type: "x", list: ["b", "a"] }, prev: "f".repeat(64) });
    const parsed = JSON.parse(sealed.text) as { seq: number; time: string; event: { type: string }; prev: string };
    expect(lineHash({ prev: parsed.prev, event: parsed.event, time: parsed.time, seq: parsed.seq })).toBe(sealed.hash);
  });

  it("serializes a record as canonicalJson does, whatever order its shape's members come in", () => {
    const records = [
      {
        type: "credentials_issued",
        poolId: "p\u00e9",
        identityId: null,
        loginsKeys: ["b", "a"],
        roleArn: "r",
        expiresAt: "t",
      },
      { expiresAt: "t", type: "credentials_issued", roleArn: 'r"\\', poolId: null, loginsKeys: [], identityId: "i" },
      { type: "events_lost", count: 3 },
      { type: "x", nested: { z: 1, a: [{ b: 2, a: 1 }] }, flag: false },
      // Same type, other members (as many, then fewer): the shape kept for "x" must not serve them.
      { type: "x", zeta: 1, alpha: 2 },
      { type: "x", alpha: 2 },
      {},
    ];
    for (const record of records) {
      // Twice: the second one uses the shape the first one sorted.
      expect(canonicalRecord(record)).toBe(canonicalJson(record));
      expect(canonicalRecord(record)).toBe(canonicalJson(record));
    }
  });

  it("seals a batch as a chain: each line's prev is the line before's hash, and it ends at the last", () => {
    const events = [1, 2, 3].map((count) => ({ time: `t${count}`, event: { type: "events_lost", count } }));
    const first = sealLines(CHAIN_START, events.slice(0, 1));
    const rest = sealLines(first.end, events.slice(1));
    const lines = (first.text + rest.text)
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.seq, l.time, l.event.count])).toEqual([
      [1, "t1", 1],
      [2, "t2", 2],
      [3, "t3", 3],
    ]);
    lines.forEach((line, i) => {
      expect(line.prev).toBe(i === 0 ? GENESIS_HASH : lines[i - 1].hash);
      expect(lineHash(line)).toBe(line.hash);
    });
    expect(rest.end).toEqual({ seq: 3, hash: lines[2].hash });
    expect(sealLines(rest.end, [])).toEqual({ text: "", end: rest.end });
  });
});
