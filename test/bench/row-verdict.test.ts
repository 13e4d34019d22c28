import { describe, expect, it } from "vitest";
import type { AtOnceWithFloor } from "../../bench/at-once.js";
import type { OperationResult } from "../../bench/report.js";
import { rowVerdict } from "../../bench/report-markdown.js";

const row = (operation: OperationResult["operation"], p99Ms: number, atOnce?: Partial<AtOnceWithFloor>) =>
  ({
    operation,
    tokens: "repeated",
    p99Ms,
    errors: 0,
    non2xx: 0,
    ...(atOnce ? { atOnce: { cpuRatio: 0, ...atOnce } } : {}),
  }) as OperationResult;

describe("a row's verdict", () => {
  it("meets a ratio target only when the ratio alone and the ratio at once both meet it", () => {
    expect(rowVerdict(row("GetId", 8, { cpuRatio: 0.55 }), 0.52)).toBe("met");
    // Alone above the target, at once below it: the floor alone was measured at another minute.
    expect(rowVerdict(row("GetId", 8, { cpuRatio: 0.316 }), 0.523)).toBe("at once < 50%");
    expect(rowVerdict(row("GetOpenIdToken", 8, { cpuRatio: 0.813 }), 0.642)).toBe("ratio < 70%");
    expect(rowVerdict(row("GetCredentialsForIdentity", 26, { cpuRatio: 0.21 }), 0.274)).toBe(
      "ratio < 40%, at once < 40%, p99 > 10 ms",
    );
    // A run without ceilings at once (--skip-ceilings) is judged on the ratio alone.
    expect(rowVerdict(row("GetId", 8), 0.52)).toBe("met");
    expect(rowVerdict(row("GetCallerIdentity", 12, { cpuRatio: 0.1 }), 0.1)).toBe("p99 > 10 ms");
  });
});
