import { describe, expect, it } from "vitest";
import { isServiceError } from "../errors/index.js";
import { bool, int, list, map, required, str, struct } from "./shapes.js";
import { validateInput } from "./validate.js";

const shape = struct({
  IdentityPoolId: required(str({ min: 1, max: 55, pattern: "[\\w-]+:[0-9a-f-]+" })),
  MaxResults: int({ min: 1, max: 60 }),
  Allow: bool(),
  MatchType: str({ enum: ["Equals", "Contains"] }),
  Names: list(str({ min: 1 }), { max: 2 }),
  Logins: map(str({ min: 1, max: 128 }), str({ min: 1, max: 5 }), { max: 10 }),
});

function failure(input: unknown): { code: string; message: string } {
  try {
    validateInput(shape, input);
  } catch (error) {
    if (isServiceError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected a validation failure");
}

describe("validateInput", () => {
  it("accepts valid input and ignores members outside the model", () => {
    const input = { IdentityPoolId: "us-east-1:0a1b", MaxResults: 60, Extra: "x" };
    expect(validateInput(shape, input)).toBe(input);
  });

  it("reports a pattern violation in AWS's exact wording", () => {
    expect(failure({ IdentityPoolId: "eu-west-1_abc" })).toEqual({
      code: "ValidationException",
      message:
        "1 validation error detected: Value 'eu-west-1_abc' at 'identityPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+",
    });
  });

  it("reports a missing required member as null", () => {
    expect(failure({}).message).toBe(
      "1 validation error detected: Value null at 'identityPoolId' failed to satisfy constraint: Member must not be null",
    );
  });

  it("counts several violations and joins them with semicolons", () => {
    const { message } = failure({ IdentityPoolId: "a:1", MaxResults: 61, MatchType: "Like" });
    expect(message).toBe(
      "2 validation errors detected: Value '61' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 60; " +
        "Value 'Like' at 'matchType' failed to satisfy constraint: Member must satisfy enum value set: [Equals, Contains]",
    );
  });

  it("checks list and map sizes and map values", () => {
    expect(failure({ IdentityPoolId: "a:1", Names: ["a", "b", "c"] }).message).toContain(
      "at 'names' failed to satisfy constraint: Member must have length less than or equal to 2",
    );
    expect(failure({ IdentityPoolId: "a:1", Logins: { "p.example": "toolong" } }).message).toContain(
      "at 'logins.p.example.member' failed to satisfy constraint: Member must have length less than or equal to 5",
    );
  });

  it("answers a wrong JSON type with SerializationException", () => {
    expect(failure({ IdentityPoolId: 5 }).code).toBe("SerializationException");
    expect(failure({ IdentityPoolId: "a:1", Allow: "yes" }).code).toBe("SerializationException");
    expect(failure({ IdentityPoolId: "a:1", MaxResults: 1.5 }).code).toBe("SerializationException");
  });
});
