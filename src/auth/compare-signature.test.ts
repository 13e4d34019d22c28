import * as crypto from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { signaturesMatch } from "./compare-signature.js";

// Wrap node:crypto's timingSafeEqual in a spy to show the comparison goes through it.
vi.mock("node:crypto", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:crypto")>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

const SIG = "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";

describe("signaturesMatch", () => {
  it("compares equal-length signatures with crypto.timingSafeEqual", () => {
    const spy = vi.mocked(crypto.timingSafeEqual);
    spy.mockClear();
    expect(signaturesMatch(SIG, SIG)).toBe(true);
    expect(signaturesMatch(SIG, `${SIG.slice(0, 63)}0`)).toBe(false);
    expect(signaturesMatch(SIG, `0${SIG.slice(1)}`)).toBe(false);
    expect(spy).toHaveBeenCalledTimes(3);
  });

  it("refuses a different length without calling timingSafeEqual (which would throw RangeError)", () => {
    const spy = vi.mocked(crypto.timingSafeEqual);
    spy.mockClear();
    expect(signaturesMatch(SIG, SIG.slice(0, 32))).toBe(false);
    expect(signaturesMatch(SIG, `${SIG}00`)).toBe(false);
    expect(signaturesMatch(SIG, "")).toBe(false);
    expect(spy).not.toHaveBeenCalled();
  });

  it("compares bytes, so multi-byte characters of equal string length do not slip through", () => {
    const sameUtf16Length = `${SIG.slice(0, 63)}é`;
    expect(sameUtf16Length.length).toBe(SIG.length);
    expect(signaturesMatch(SIG, sameUtf16Length)).toBe(false);
  });
});
