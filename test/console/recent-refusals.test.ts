import { describe, expect, it } from "vitest";
import { createRecentRefusals, processName } from "../../src/telemetry/index.js";

const refused = (i: number) =>
  ({
    type: "login_refused",
    poolId: "us-east-1:p",
    loginsKey: `key-${i}`,
    rule: "signature",
    reason: "bad_signature",
    detail: "d",
    tokenDigest: "0123456789abcdef",
  }) as const;

describe("recent refusals ring", () => {
  it("keeps the newest `capacity` refusals, newest first, across wrap-around, and ignores other events", () => {
    let nowMs = 1_000;
    const ring = createRecentRefusals({ nowMs: () => nowMs }, { capacity: 3, process: "host:1" });
    ring.emit({ type: "identity_created", poolId: "us-east-1:p", identityId: "us-east-1:i" });
    expect(ring.list()).toEqual([]);
    for (let i = 0; i < 5; i++) {
      ring.emit(refused(i));
      nowMs += 1_000;
    }
    expect(ring.list().map((r) => r.loginsKey)).toEqual(["key-4", "key-3", "key-2"]);
    expect(ring.list()[0]).toEqual({
      timeMs: 5_000,
      poolId: "us-east-1:p",
      loginsKey: "key-4",
      rule: "signature",
      reason: "bad_signature",
      process: "host:1",
    });
  });

  it("names this process <hostname>:<pid> by default", () => {
    expect(processName()).toMatch(new RegExp(`^[^:]+:${process.pid}$`));
    const ring = createRecentRefusals({ nowMs: () => 0 });
    ring.emit(refused(0));
    expect(ring.list()[0]?.process).toBe(processName());
  });
});
