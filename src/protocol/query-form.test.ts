import { describe, expect, it } from "vitest";
import { decodeQueryInput, parseForm } from "./query-form.js";
import { bool, int, list, str, struct } from "./shapes.js";

const shape = struct({
  Url: str(),
  ClientIDList: list(str()),
  Tags: list(struct({ Key: str(), Value: str() })),
  PolicyArns: list(struct({ Arn: str() })),
  DurationSeconds: int(),
  Flag: bool(),
});

describe("AWS Query form decoding", () => {
  it("builds lists of scalars and of structures from numbered members", () => {
    const form = parseForm(
      "Action=X&Version=2010-05-08&Url=https%3A%2F%2Fa.example&ClientIDList.member.1=a&ClientIDList.member.2=b" +
        "&Tags.member.1.Key=k&Tags.member.1.Value=v&PolicyArns.member.1.arn=arn%3Ax&DurationSeconds=900&Flag=true",
    );
    expect(decodeQueryInput(shape, form)).toEqual({
      Url: "https://a.example",
      ClientIDList: ["a", "b"],
      Tags: [{ Key: "k", Value: "v" }],
      PolicyArns: [{ Arn: "arn:x" }],
      DurationSeconds: 900,
      Flag: true,
    });
  });

  it("treats a bare list name as an empty list and omits absent members", () => {
    expect(decodeQueryInput(shape, parseForm("ClientIDList="))).toEqual({ ClientIDList: [] });
  });

  it("refuses a number that does not parse, naming the member", () => {
    expect(() => decodeQueryInput(shape, parseForm("DurationSeconds=soon"))).toThrow(
      "Value 'soon' at 'DurationSeconds' failed to satisfy constraint: Member must be a number",
    );
  });
});
