import { describe, expect, it } from "vitest";
import { telemetryVerdict } from "../../bench/report-markdown.js";

describe("the telemetry comparison's verdict", () => {
  it("is met or missed only while the A/A twin lands within 5 % of off", () => {
    expect(telemetryVerdict({ ratio: 0.96, control: 1.03, target: 0.95 })).toBe("met (≥ 95%)");
    expect(telemetryVerdict({ ratio: 0.93, control: 0.97, target: 0.95 })).toBe("missed (≥ 95%)");
    // A run whose twin differs from off by more than the margin measured cannot say either.
    expect(telemetryVerdict({ ratio: 0.96, control: 1.235, target: 0.95 })).toBe(
      "inconclusive (≥ 95%; twin/off outside 95%–105%)",
    );
    expect(telemetryVerdict({ ratio: 0.99, control: 0.94, target: 0.95 })).toMatch(/^inconclusive/);
    expect(telemetryVerdict({ ratio: 0.5, control: 1, target: undefined })).toBe("–");
  });
});
