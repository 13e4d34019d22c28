import { describe, expect, it } from "vitest";
import { evaluateTrust, type TrustRequest } from "./evaluate.js";
import { parsePolicy } from "./parse.js";

const POOL = "us-east-1:11111111-2222-3333-4444-555555555555";
const COGNITO = { type: "Federated", id: "cognito-identity.amazonaws.com" } as const;

function trust(statements: object[]): ReturnType<typeof parsePolicy> & { ok: true } {
  const parsed = parsePolicy(JSON.stringify({ Version: "2012-10-17", Statement: statements }), "trust");
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed;
}

const request = (context: TrustRequest["context"], action = "sts:AssumeRoleWithWebIdentity"): TrustRequest => ({
  action,
  principal: COGNITO,
  context,
});

const cognitoStatement = (condition: object, action: string | string[] = "sts:AssumeRoleWithWebIdentity") => ({
  Effect: "Allow",
  Principal: { Federated: "cognito-identity.amazonaws.com" },
  Action: action,
  Condition: condition,
});

const authenticated = {
  "cognito-identity.amazonaws.com:aud": [POOL],
  "cognito-identity.amazonaws.com:sub": ["us-east-1:abc"],
  "cognito-identity.amazonaws.com:amr": ["authenticated", "login.example.com", "arn:x:OIDC:alice"],
};

describe("evaluateTrust", () => {
  const docs = trust([
    cognitoStatement({
      StringEquals: { "cognito-identity.amazonaws.com:aud": POOL },
      "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" },
    }),
  ]).document;

  it("allows the documented Cognito trust policy for an authenticated identity of the pool", () => {
    expect(evaluateTrust(docs, request(authenticated))).toBe("allow");
  });

  it("denies another pool, a guest, another principal and another action", () => {
    expect(
      evaluateTrust(docs, request({ ...authenticated, "cognito-identity.amazonaws.com:aud": ["us-east-1:other"] })),
    ).toBe("implicit_deny");
    expect(
      evaluateTrust(docs, request({ ...authenticated, "cognito-identity.amazonaws.com:amr": ["unauthenticated"] })),
    ).toBe("implicit_deny");
    expect(
      evaluateTrust(docs, { ...request(authenticated), principal: { type: "Federated", id: "accounts.google.com" } }),
    ).toBe("implicit_deny");
    expect(evaluateTrust(docs, request(authenticated, "sts:TagSession"))).toBe("implicit_deny");
  });

  it("matches condition keys without regard to case and actions with wildcards", () => {
    const doc = trust([
      cognitoStatement({ StringEquals: { "COGNITO-IDENTITY.amazonaws.com:AUD": POOL } }, "sts:*"),
    ]).document;
    expect(evaluateTrust(doc, request(authenticated, "sts:TagSession"))).toBe("allow");
  });

  it("lets an explicit Deny win", () => {
    const doc = trust([
      cognitoStatement({}),
      {
        ...cognitoStatement({ StringEquals: { "cognito-identity.amazonaws.com:sub": "us-east-1:abc" } }),
        Effect: "Deny",
      },
    ]).document;
    expect(evaluateTrust(doc, request(authenticated))).toBe("explicit_deny");
    expect(
      evaluateTrust(doc, request({ ...authenticated, "cognito-identity.amazonaws.com:sub": ["us-east-1:zzz"] })),
    ).toBe("allow");
  });

  it("applies negations, IfExists, ForAllValues and Null as IAM defines them", () => {
    const cases: [object, TrustRequest["context"], boolean][] = [
      [{ StringNotEquals: { "cognito-identity.amazonaws.com:sub": "us-east-1:abc" } }, authenticated, false],
      [{ StringNotEquals: { "cognito-identity.amazonaws.com:sub": "us-east-1:zzz" } }, authenticated, true],
      [{ StringNotLike: { "cognito-identity.amazonaws.com:amr": "unauth*" } }, authenticated, true],
      [{ StringEqualsIfExists: { "custom:missing": "x" } }, authenticated, true],
      [{ StringEquals: { "custom:missing": "x" } }, authenticated, false],
      [
        { "ForAllValues:StringLike": { "cognito-identity.amazonaws.com:amr": ["authenticated", "login.*", "arn:*"] } },
        authenticated,
        true,
      ],
      [
        { "ForAllValues:StringEquals": { "cognito-identity.amazonaws.com:amr": ["authenticated"] } },
        authenticated,
        false,
      ],
      [
        { "ForAnyValue:StringEquals": { "cognito-identity.amazonaws.com:amr": "login.example.com" } },
        authenticated,
        true,
      ],
      [
        { "ForAnyValue:StringNotEquals": { "cognito-identity.amazonaws.com:amr": "authenticated" } },
        authenticated,
        true,
      ],
      [{ Null: { "cognito-identity.amazonaws.com:sub": "false" } }, authenticated, true],
      [{ Null: { "custom:missing": "false" } }, authenticated, false],
    ];
    for (const [condition, context, expected] of cases) {
      const doc = trust([cognitoStatement(condition)]).document;
      expect([condition, evaluateTrust(doc, request(context))]).toEqual([
        condition,
        expected ? "allow" : "implicit_deny",
      ]);
    }
  });
});
