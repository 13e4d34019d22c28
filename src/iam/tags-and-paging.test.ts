import { describe, expect, it } from "vitest";
import { expectServiceError } from "../../test/support/unit.js";
import { paginate } from "./pagination.js";
import { mergeTags, removeTags, tagsFromWire } from "./tags.js";

describe("tags", () => {
  it("sorts request tags by key", () => {
    expect(
      tagsFromWire([
        { Key: "b", Value: "2" },
        { Key: "a", Value: "1" },
      ]),
    ).toEqual([
      { key: "a", value: "1" },
      { key: "b", value: "2" },
    ]);
  });

  it("refuses duplicate keys, compared without regard to case, and the aws: prefix", async () => {
    await expectServiceError(
      () =>
        tagsFromWire([
          { Key: "Env", Value: "1" },
          { Key: "env", Value: "2" },
        ]),
      "InvalidInput",
      "Duplicate tag keys found. Please note that Tag keys are case insensitive.",
    );
    await expectServiceError(() => tagsFromWire([{ Key: "AWS:x", Value: "1" }]), "InvalidInput");
  });

  it("overwrites on merge (a key in another case replaces the old one) and removes without regard to case", () => {
    const merged = mergeTags(
      [
        { key: "env", value: "dev" },
        { key: "team", value: "a" },
      ],
      [{ key: "Env", value: "prod" }],
      "TagsPerRole",
    );
    expect(merged).toEqual([
      { key: "Env", value: "prod" },
      { key: "team", value: "a" },
    ]);
    expect(removeTags(merged, ["ENV", "missing"])).toEqual([{ key: "team", value: "a" }]);
  });

  it("refuses more than 50 tags on one resource", async () => {
    const fifty = Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, value: "" }));
    expect(mergeTags(fifty, [{ key: "k0", value: "x" }], "TagsPerRole")).toHaveLength(50);
    await expectServiceError(
      () => mergeTags(fifty, [{ key: "new", value: "" }], "TagsPerRole"),
      "IamLimitExceeded",
      "Cannot exceed quota for TagsPerRole: 50",
    );
  });
});

describe("paginate", () => {
  const items = ["a", "b", "c", "d", "e"];

  it("pages by key and continues after the last key even when it was deleted meanwhile", () => {
    const first = paginate(items, { MaxItems: 2 }, (s) => s);
    expect(first.items).toEqual(["a", "b"]);
    expect(first.IsTruncated).toBe(true);
    const rest = paginate(
      ["a", "c", "d", "e"],
      { MaxItems: 2, ...(first.Marker ? { Marker: first.Marker } : {}) },
      (s) => s,
    );
    expect(rest.items).toEqual(["c", "d"]);
    const last = paginate(items, { MaxItems: 2, ...(rest.Marker ? { Marker: rest.Marker } : {}) }, (s) => s);
    expect(last).toEqual({ items: ["e"], IsTruncated: false, Marker: undefined });
  });

  it("pages by position without a sort key and defaults MaxItems to 100", () => {
    const first = paginate(items, { MaxItems: 3 });
    expect(first.items).toEqual(["a", "b", "c"]);
    expect(paginate(items, { MaxItems: 3, Marker: first.Marker ?? "" }).items).toEqual(["d", "e"]);
    expect(
      paginate(
        Array.from({ length: 101 }, (_, i) => i),
        {},
      ).items,
    ).toHaveLength(100);
  });

  it("refuses a marker it did not make", async () => {
    await expectServiceError(
      () => paginate(items, { Marker: "garbage" }),
      "InvalidInput",
      "Marker is not valid: pass the Marker of the previous response unchanged.",
    );
  });
});
