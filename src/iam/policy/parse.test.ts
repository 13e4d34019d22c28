import { describe, expect, it } from "vitest";
import { conditionClauses } from "./condition.js";
import { parseConditionOperator } from "./condition-operator.js";
import type { PolicyKind } from "./model.js";
import { parsePolicy, policySize } from "./parse.js";

const COGNITO_TRUST = {
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Allow",
      Principal: { Federated: "cognito-identity.amazonaws.com" },
      Action: ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"],
      Condition: {
        StringEquals: { "cognito-identity.amazonaws.com:aud": "us-east-1:11111111-2222-3333-4444-555555555555" },
        "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" },
      },
    },
  ],
};

function reason(doc: unknown, kind: PolicyKind = "trust"): string {
  const result = parsePolicy(typeof doc === "string" ? doc : JSON.stringify(doc), kind);
  if (result.ok) throw new Error("expected the document to be refused");
  return result.reason;
}

function trust(statement: Record<string, unknown>): unknown {
  return { Version: "2012-10-17", Statement: statement };
}

describe("parsePolicy: trust policies", () => {
  it("parses the Cognito trust policy into the typed model, lists and strings normalised", () => {
    const result = parsePolicy(JSON.stringify(COGNITO_TRUST), "trust");
    expect(result).toEqual({
      ok: true,
      document: {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Federated: ["cognito-identity.amazonaws.com"] },
            Action: ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"],
            Condition: {
              StringEquals: {
                "cognito-identity.amazonaws.com:aud": ["us-east-1:11111111-2222-3333-4444-555555555555"],
              },
              "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": ["authenticated"] },
            },
          },
        ],
      },
    });
  });

  it("accepts a single statement object, Principal *, NotAction, Sid and Id, and defaults Version to 2008-10-17", () => {
    const result = parsePolicy(
      JSON.stringify({ Id: "p1", Statement: { Sid: "S1", Effect: "Deny", Principal: "*", NotAction: "sts:*" } }),
      "trust",
    );
    expect(result).toEqual({
      ok: true,
      document: {
        Version: "2008-10-17",
        Id: "p1",
        Statement: [{ Sid: "S1", Effect: "Deny", Principal: "*", NotAction: ["sts:*"], Condition: {} }],
      },
    });
  });

  it("keeps condition values of other JSON types as strings", () => {
    const result = parsePolicy(
      JSON.stringify(
        trust({
          Effect: "Allow",
          Principal: { AWS: ["123456789012", "arn:aws:iam::123456789012:root"] },
          Action: "sts:AssumeRole",
          Condition: {
            Bool: { "aws:MultiFactorAuthPresent": true },
            NumericLessThan: { "aws:MultiFactorAuthAge": 3600 },
          },
        }),
      ),
      "trust",
    );
    expect(result.ok && result.document.Statement[0]?.Condition).toEqual({
      Bool: { "aws:MultiFactorAuthPresent": ["true"] },
      NumericLessThan: { "aws:MultiFactorAuthAge": ["3600"] },
    });
  });

  it.each([
    ["not JSON", "{nope", "This policy contains invalid Json"],
    ["a JSON array", "[]", "Syntax errors in policy: the document must be a JSON object."],
    ["no Statement", { Version: "2012-10-17" }, "Missing required field Statement"],
    [
      "an empty Statement list",
      { Statement: [] },
      "Syntax errors in policy: Statement must hold at least one statement.",
    ],
    [
      "an unknown top-level key",
      { Statement: {}, Foo: 1 },
      "Syntax errors in policy: unknown field Foo in the policy.",
    ],
    [
      "an unknown Version",
      { Version: "2012-10-18", Statement: {} },
      'Invalid policy Version "2012-10-18": use "2012-10-17" or "2008-10-17".',
    ],
    [
      "a statement that is not an object",
      trust([1] as never),
      "Syntax errors in policy: each statement must be a JSON object.",
    ],
  ])("refuses %s", (_what, doc, message) => {
    expect(reason(doc)).toBe(message);
  });

  const base = {
    Effect: "Allow",
    Principal: { Federated: "accounts.example.com" },
    Action: "sts:AssumeRoleWithWebIdentity",
  };

  it.each([
    ["no Effect", { ...base, Effect: undefined }, "Missing required field Effect"],
    ["a bad Effect", { ...base, Effect: "allow" }, "Invalid effect: allow"],
    ["no Principal", { ...base, Principal: undefined }, "Missing required field Principal"],
    ["no Action", { ...base, Action: undefined }, "Missing required field Action"],
    ["a Resource", { ...base, Resource: "*" }, "Has prohibited field Resource"],
    ["a NotResource", { ...base, NotResource: "*" }, "Has prohibited field NotResource"],
    [
      "an unknown statement key",
      { ...base, Actions: "x" },
      "Syntax errors in policy: unknown field Actions in a statement.",
    ],
    [
      "both Action and NotAction",
      { ...base, NotAction: "s3:*" },
      "Syntax errors in policy: a statement cannot have both Action and NotAction.",
    ],
    [
      "an action without vendor",
      { ...base, Action: "AssumeRole" },
      "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.",
    ],
    ["an empty Action list", { ...base, Action: [] }, "Syntax errors in policy: Action must not be an empty list."],
    [
      "a non-string action",
      { ...base, Action: [1] },
      "Syntax errors in policy: Action must be a string or a list of strings.",
    ],
    ["an unknown principal kind", { ...base, Principal: { Users: "x" } }, 'Invalid principal in policy: "Users":"x"'],
    ["a bad AWS principal", { ...base, Principal: { AWS: "bob" } }, 'Invalid principal in policy: "AWS":"bob"'],
    ["an empty Principal object", { ...base, Principal: {} }, 'Invalid principal in policy: "Principal":{}'],
    ["a Principal string other than *", { ...base, Principal: "me" }, 'Invalid principal in policy: "Principal":"me"'],
    [
      "an unknown condition operator",
      { ...base, Condition: { StringEqualz: { "a:b": "c" } } },
      "Invalid Condition type : StringEqualz",
    ],
    [
      "NullIfExists",
      { ...base, Condition: { NullIfExists: { "a:b": "true" } } },
      "Invalid Condition type : NullIfExists",
    ],
    [
      "a condition key without vendor",
      { ...base, Condition: { StringEquals: { aud: "c" } } },
      "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.",
    ],
    [
      "an object condition value",
      { ...base, Condition: { StringEquals: { "a:b": { x: 1 } } } },
      "Syntax errors in policy: condition values must be strings, numbers or booleans.",
    ],
    ["a Condition that is a list", { ...base, Condition: [] }, "Syntax errors in policy: Condition must be an object."],
    [
      "a non-alphanumeric Sid",
      { ...base, Sid: "a-b" },
      "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*",
    ],
  ])("refuses a trust statement with %s", (_what, statement, message) => {
    expect(reason(trust(statement))).toBe(message);
  });

  it("refuses duplicate Sids", () => {
    expect(
      reason({
        Statement: [
          { ...base, Sid: "A" },
          { ...base, Sid: "A" },
        ],
      }),
    ).toBe("Statement IDs (SID) in a single policy must be unique.");
  });
});

describe("parsePolicy: permission policies", () => {
  const allow = { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/*" };

  it("parses Resource and NotResource into lists", () => {
    const result = parsePolicy(
      JSON.stringify({
        Version: "2012-10-17",
        Statement: [allow, { ...allow, Resource: undefined, NotResource: ["*"] }],
      }),
      "permission",
    );
    expect(result.ok && result.document.Statement.map((s) => [s.Resource, s.NotResource])).toEqual([
      [["arn:aws:s3:::bucket/*"], undefined],
      [undefined, ["*"]],
    ]);
  });

  it.each([
    ["a Principal", { ...allow, Principal: "*" }, "Policy document should not specify a principal."],
    ["a NotPrincipal", { ...allow, NotPrincipal: { AWS: "*" } }, "Policy document should not specify a principal."],
    ["no Resource", { ...allow, Resource: undefined }, "Policy statement must contain resources."],
    ["no Action", { ...allow, Action: undefined }, "Policy statement must contain actions."],
    [
      "a resource that is not an ARN",
      { ...allow, Resource: "bucket" },
      'Resource bucket must be in ARN format or "*".',
    ],
  ])("refuses a statement with %s", (_what, statement, message) => {
    expect(reason({ Version: "2012-10-17", Statement: statement }, "permission")).toBe(message);
  });
});

describe("condition operators", () => {
  it("resolves set qualifiers and IfExists", () => {
    expect(parseConditionOperator("ForAnyValue:StringLikeIfExists")).toEqual({
      text: "ForAnyValue:StringLikeIfExists",
      base: "StringLike",
      setQualifier: "ForAnyValue",
      ifExists: true,
    });
    expect(parseConditionOperator("Null")).toEqual({
      text: "Null",
      base: "Null",
      setQualifier: undefined,
      ifExists: false,
    });
    expect(parseConditionOperator("ForSomeValues:StringLike")).toBeUndefined();
    expect(parseConditionOperator("IfExists")).toBeUndefined();
  });

  it("flattens a Condition into clauses", () => {
    const clauses = conditionClauses({ "ForAllValues:StringEquals": { "a:b": ["1", "2"], "c:d": ["3"] } });
    expect(clauses.map((c) => [c.operator.base, c.operator.setQualifier, c.key, c.values])).toEqual([
      ["StringEquals", "ForAllValues", "a:b", ["1", "2"]],
      ["StringEquals", "ForAllValues", "c:d", ["3"]],
    ]);
  });
});

describe("policySize", () => {
  it("counts characters other than white space, as IAM's quotas do", () => {
    expect(policySize('{ "a" :\n\t"b c" }')).toBe('{"a":"bc"}'.length);
  });
});
