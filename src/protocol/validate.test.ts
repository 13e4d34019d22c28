import { describe, expect, expectTypeOf, it } from "vitest";
import { isServiceError } from "../errors/index.js";
import { defineOperation } from "./operation.js";
import { bool, type Infer, int, list, map, required, str, struct } from "./shapes.js";
import { validateInput } from "./validate.js";

const shape = struct({
  IdentityPoolId: required(str({ min: 1, max: 55, pattern: "[\\w-]+:[0-9a-f-]+" })),
  MaxResults: int({ min: 1, max: 60 }),
  Allow: bool(),
  MatchType: str({ enum: ["Equals", "Contains"] }),
  Names: list(str({ min: 1 }), { max: 2 }),
  Logins: map(str({ min: 1, max: 128 }), str({ min: 1, max: 5 }), { max: 10 }),
  Rule: struct({ Claim: required(str()), Note: str() }),
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
    expect(validateInput(shape, input)).toStrictEqual({ IdentityPoolId: "us-east-1:0a1b", MaxResults: 60 });
  });

  it("returns a new value without JSON nulls or unknown members and leaves its input unchanged", () => {
    const input = {
      IdentityPoolId: "us-east-1:0a1b",
      MaxResults: null,
      Names: ["a"],
      Logins: { "p.example": "tok" },
      Rule: { Claim: "sub", Note: null, Extra: 1 },
      Extra: { nested: true },
    };
    const before = structuredClone(input);
    const result = validateInput(shape, input);
    expect(input).toStrictEqual(before);
    // toStrictEqual also fails on a member present with the value undefined.
    expect(result).toStrictEqual({
      IdentityPoolId: "us-east-1:0a1b",
      Names: ["a"],
      Logins: { "p.example": "tok" },
      Rule: { Claim: "sub" },
    });
    expect("MaxResults" in result).toBe(false);
    expect(result.Names).not.toBe(input.Names);
    expect(result.Logins).not.toBe(input.Logins);
  });

  it("keeps a map key named __proto__ as a plain key of the copy", () => {
    const input: unknown = JSON.parse('{"IdentityPoolId":"a:1","Logins":{"__proto__":"x"}}');
    const logins = validateInput(shape, input).Logins;
    expect(logins && Object.keys(logins)).toEqual(["__proto__"]);
    expect(logins && Object.getPrototypeOf(logins)).toBe(Object.prototype);
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

  it("echoes at most 256 characters of a value, and of a map key in a member path", () => {
    const huge = "x".repeat(60_000);
    const { message } = failure({ IdentityPoolId: huge });
    expect(message).toContain(`Value '${"x".repeat(256)}...' at 'identityPoolId'`);
    expect(message.length).toBeLessThan(1000);
    const keyed = failure({ IdentityPoolId: "a:1", Logins: { [huge]: "toolong" } }).message;
    expect(keyed).toContain(`at 'logins.${"x".repeat(256)}....member'`);
    expect(keyed.length).toBeLessThan(1500);
    const many = failure({ IdentityPoolId: "a:1", Names: Array.from({ length: 100_000 }, () => "") }).message;
    expect(many).toMatch(/^100001 validation errors detected: /);
    expect(many.split("; ")).toHaveLength(10);
    expect(many.length).toBeLessThan(2500);
  });

  it("answers a wrong JSON type with SerializationException", () => {
    expect(failure({ IdentityPoolId: 5 }).code).toBe("SerializationException");
    expect(failure({ IdentityPoolId: "a:1", Allow: "yes" }).code).toBe("SerializationException");
    expect(failure({ IdentityPoolId: "a:1", MaxResults: 1.5 }).code).toBe("SerializationException");
  });
});

describe("Infer", () => {
  it("makes required members required, the others optional, and an enum a union", () => {
    expectTypeOf<Infer<typeof shape>>().toEqualTypeOf<{
      readonly IdentityPoolId: string;
      readonly MaxResults?: number;
      readonly Allow?: boolean;
      readonly MatchType?: "Equals" | "Contains";
      readonly Names?: readonly string[];
      readonly Logins?: Readonly<Record<string, string>>;
      readonly Rule?: { readonly Claim: string; readonly Note?: string };
    }>();
    const kinds = ["Token", "Rules"] as const;
    expectTypeOf<Infer<ReturnType<typeof str<(typeof kinds)[number]>>>>().toEqualTypeOf<"Token" | "Rules">();
    expectTypeOf<Infer<typeof shape>["MatchType"]>().toEqualTypeOf<"Equals" | "Contains" | undefined>();

    const ok: Infer<typeof shape> = { IdentityPoolId: "a:1" };
    // @ts-expect-error IdentityPoolId is required
    const missing: Infer<typeof shape> = { MaxResults: 1 };
    // @ts-expect-error MatchType is the union of the enum values
    const notInEnum: Infer<typeof shape> = { IdentityPoolId: "a:1", MatchType: "Like" };
    // @ts-expect-error with exactOptionalPropertyTypes, an optional member is absent, never undefined
    const undefinedMember: Infer<typeof shape> = { IdentityPoolId: "a:1", MaxResults: undefined };
    expect([ok, missing, notInEnum, undefinedMember]).toHaveLength(4);
  });

  it("types validateInput's result and defineOperation's handler input from the shape", () => {
    expectTypeOf(validateInput(shape, { IdentityPoolId: "a:1" })).toEqualTypeOf<Infer<typeof shape>>();
    defineOperation({
      service: "sts",
      name: "Example",
      auth: "none",
      input: struct({ RoleArn: required(str()), DurationSeconds: int() }),
      async handle(input) {
        expectTypeOf(input).toEqualTypeOf<{ readonly RoleArn: string; readonly DurationSeconds?: number }>();
        return undefined;
      },
    });
  });
});
