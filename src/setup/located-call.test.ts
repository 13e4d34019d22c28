import { describe, expect, it } from "vitest";
import { ApiError } from "./api-caller.js";
import { apiPathSegments, formatPath } from "./field-path.js";
import { CallRefused, locatedCall, type Origin } from "./located-call.js";

describe("formatPath", () => {
  it("writes members after dots, indices and other keys in brackets", () => {
    const path = ["identityPools", 0, "roleMappings", "login.example.com", "rulesConfiguration", "rules", 2, "claim"];
    expect(formatPath(path)).toBe(
      'identityPools[0].roleMappings["login.example.com"].rulesConfiguration.rules[2].claim',
    );
    expect(formatPath(["tags", "idpool:setup"])).toBe('tags["idpool:setup"]');
    expect(formatPath([])).toBe("");
  });
});

describe("apiPathSegments", () => {
  const sent = {
    "login.example.com": {
      Type: "Rules",
      RulesConfiguration: { Rules: [{ Claim: "a" }, { Claim: "b" }, { Claim: "c" }] },
    },
    login: { Type: "Token" },
  };

  it("reads map keys holding dots whole, and list items from 1", () => {
    expect(apiPathSegments("login.example.com.member.rulesConfiguration.rules.3.member.claim", sent)).toEqual([
      "login.example.com",
      "rulesConfiguration",
      "rules",
      2,
      "claim",
    ]);
    expect(apiPathSegments("login.member.type", sent)).toEqual(["login", "type"]);
  });

  it("stops where the path leaves what was sent (a map's key, an index past the end)", () => {
    expect(apiPathSegments("key", sent)).toEqual([]);
    expect(apiPathSegments("login.example.com.member.rulesConfiguration.rules.9.member.claim", sent)).toEqual([
      "login.example.com",
      "rulesConfiguration",
      "rules",
    ]);
  });
});

describe("locatedCall", () => {
  const refuse = (code: string, message: string) =>
    locatedCall(async () => {
      throw new ApiError(code, message);
    });
  const failure = async (call: ReturnType<typeof locatedCall>, input: Record<string, unknown>, origin: Origin) => {
    try {
      await call("cognito-identity", "SetIdentityPoolRoles", input, origin);
    } catch (error) {
      if (error instanceof CallRefused) return error.errors.map((e) => [formatPath(e.path), e.message]);
      throw error;
    }
    throw new Error("the call succeeded");
  };
  const input = {
    IdentityPoolId: "us-east-1:x",
    Roles: { authenticated: "arn" },
    RoleMappings: { "login.example.com": { Type: "Rules", RulesConfiguration: { Rules: [{}, {}, { Claim: "x" }] } } },
  };
  const origin: Origin = {
    at: ["identityPools", 1],
    members: { Roles: ["identityPools", 1, "roles"], RoleMappings: ["identityPools", 1, "roleMappings"] },
  };

  it("places each violation of a ValidationException at its file field", async () => {
    const v1 =
      "Value 'x' at 'roleMappings.login.example.com.member.rulesConfiguration.rules.3.member.claim' failed to satisfy constraint: Member must have length less than or equal to 2";
    const v2 =
      "Value 'a; b' at 'roles.authenticated.member' failed to satisfy constraint: Member must have length greater than or equal to 20";
    const errors = await failure(
      refuse("ValidationException", `2 validation errors detected: ${v1}; ${v2}`),
      input,
      origin,
    );
    expect(errors).toEqual([
      [
        'identityPools[1].roleMappings["login.example.com"].rulesConfiguration.rules[2].claim',
        `ValidationException: ${v1}`,
      ],
      ["identityPools[1].roles.authenticated", `ValidationException: ${v2}`],
    ]);
  });

  it("places other refusals at the entry, and a member the origin does not name there too", async () => {
    expect(await failure(refuse("InvalidParameterException", "no such provider"), input, origin)).toEqual([
      ["identityPools[1]", "InvalidParameterException: no such provider"],
    ]);
    const v =
      "Value 'x' at 'identityPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: y";
    expect(await failure(refuse("ValidationException", `1 validation error detected: ${v}`), input, origin)).toEqual([
      ["identityPools[1]", `ValidationException: ${v}`],
    ]);
  });

  it("places a tag of an IAM tag list at its key in the file's map", async () => {
    const v =
      "Value 'bad!' at 'tags.2.member.value' failed to satisfy constraint: Member must satisfy regular expression pattern: z";
    const tagged = {
      RoleName: "R",
      Tags: [
        { Key: "a", Value: "1" },
        { Key: "b", Value: "bad!" },
      ],
    };
    const tagOrigin: Origin = { at: ["roles", 0], members: { Tags: { tags: ["roles", 0, "tags"], keys: ["a", "b"] } } };
    expect(await failure(refuse("ValidationError", `1 validation error detected: ${v}`), tagged, tagOrigin)).toEqual([
      ["roles[0].tags.b", `ValidationError: ${v}`],
    ]);
  });
});
