import { describe, expect, it } from "vitest";
import { toJsonValue, toXml, xmlMap } from "./wire-values.js";

describe("output values", () => {
  it("writes JSON timestamps as epoch seconds and omits undefined members", () => {
    expect(toJsonValue({ A: new Date(1515115602123), B: undefined, C: [new Date(1000)] })).toEqual({
      A: 1515115602.123,
      C: [1],
    });
  });

  it("writes XML with ISO timestamps, member lists, entry maps and escaping", () => {
    expect(
      toXml({
        CreateDate: new Date(Date.UTC(2014, 9, 9, 3, 32, 51, 398)),
        L: ["a<b"],
        M: xmlMap({ k: "v&" }),
        U: undefined,
      }),
    ).toBe(
      "<CreateDate>2014-10-09T03:32:51.398Z</CreateDate><L><member>a&lt;b</member></L>" +
        "<M><entry><key>k</key><value>v&amp;</value></entry></M>",
    );
  });
});
