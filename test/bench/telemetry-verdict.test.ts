import { describe, expect, it } from "vitest";
import { telemetryVerdict } from "../../bench/report-markdown.js";
import { trioOf } from "../../bench/telemetry-cost.js";

describe("the telemetry comparison's verdict", () => {
  it("judges CPU per request, and only while the A/A twin lands within 5 % of off by CPU", () => {
    expect(telemetryVerdict({ cpuRatio: 0.96, cpuControl: 1.03, target: 0.95 })).toBe("met (≥ 95%)");
    expect(telemetryVerdict({ cpuRatio: 0.93, cpuControl: 0.97, target: 0.95 })).toBe("missed (≥ 95%)");
    // A run whose twin differs from off by more than the margin measured cannot say either.
    expect(telemetryVerdict({ cpuRatio: 0.96, cpuControl: 1.235, target: 0.95 })).toBe(
      "inconclusive (≥ 95%; twin/off by CPU outside 95%–105%)",
    );
    expect(telemetryVerdict({ cpuRatio: 0.99, cpuControl: 0.94, target: 0.95 })).toMatch(/^inconclusive/);
    expect(telemetryVerdict({ cpuRatio: 0.5, cpuControl: 1, target: undefined })).toBe("–");
  });
});

describe("one window of the telemetry comparison", () => {
  const window = (rps: number, cpu: number) => ({
    rps,
    serverCpuMicrosPerRequest: cpu,
    p99Ms: 20,
    errors: 0,
    non2xx: 0,
  });

  it("judges on by CPU against the mean of off and twin, whatever share of the core it won", () => {
    // On served more than off (it won more of the core) while costing 10 % more CPU a request.
    const t = trioOf(window(1000, 200), window(1100, 220), window(1000, 200));
    expect(t.ratio).toBeCloseTo(1.1);
    expect(t.cpuRatio).toBeCloseTo(200 / 220);
    expect(t.cpuControl).toBe(1);
    expect(telemetryVerdict({ ...t, target: 0.95 })).toBe("missed (≥ 95%)");
  });

  it("reads the twin's CPU against off's as the control, and adds up the failures", () => {
    const t = trioOf(window(900, 210), { ...window(880, 200), errors: 2 }, { ...window(950, 190), non2xx: 1 });
    expect(t.cpuRatio).toBeCloseTo(1);
    expect(t.cpuControl).toBeCloseTo(210 / 190);
    expect(t.failed).toBe(3);
    expect(telemetryVerdict({ ...t, target: 0.95 })).toMatch(/^inconclusive/);
  });
});
