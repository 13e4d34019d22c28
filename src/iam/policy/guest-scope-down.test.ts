import { describe, expect, it } from "vitest";
import { GUEST_SESSION_POLICY, guestSessionPolicies } from "./guest-scope-down.js";
import { type DecisionRow, decisionTable, permissionPolicy as p } from "./test-support.js";

const SESSION = "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session";
const COGNITO_ROLES = "https://docs.aws.amazon.com/cognito/latest/developerguide/iam-roles.html";
const API = "arn:aws:execute-api:us-east-1:123456789012:idpool/$default/GET/users/alice";
const allowAll = p([{ Effect: "Allow", Action: "*", Resource: "*" }]);

// Role policy allows s3:* and execute-api:*; the session policy passed to AssumeRole narrows it.
const role = p([{ Effect: "Allow", Action: ["s3:*", "execute-api:*"], Resource: "*" }]);
const readOnlySession = p([{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }]);

const sessionRows: DecisionRow[] = [
  {
    name: "session: allowed by role and session",
    source: SESSION,
    identity: [role],
    session: [readOnlySession],
    action: "s3:GetObject",
    resource: "arn:aws:s3:::b/k",
    expected: "allow",
  },
  {
    name: "session: allowed by role only",
    source: SESSION,
    identity: [role],
    session: [readOnlySession],
    action: "s3:PutObject",
    resource: "arn:aws:s3:::b/k",
    expected: "implicit_deny",
  },
  {
    name: "session: session cannot add to the role",
    source: SESSION,
    identity: [role],
    session: [p([{ Effect: "Allow", Action: "iam:*", Resource: "*" }])],
    action: "iam:CreateRole",
    resource: "*",
    expected: "implicit_deny",
  },
  {
    name: "session: any one session policy suffices",
    source: SESSION,
    identity: [role],
    session: [readOnlySession, p([{ Effect: "Allow", Action: "execute-api:Invoke", Resource: "*" }])],
    action: "execute-api:Invoke",
    resource: API,
    expected: "allow",
  },
  {
    name: "session: a Deny in a session policy wins",
    source: SESSION,
    identity: [role],
    session: [
      p([
        { Effect: "Allow", Action: "*", Resource: "*" },
        { Effect: "Deny", Action: "s3:DeleteObject", Resource: "*" },
      ]),
    ],
    action: "s3:DeleteObject",
    resource: "arn:aws:s3:::b/k",
    expected: "explicit_deny",
  },
  {
    name: "guest: role allows *, API Gateway stays allowed",
    source: COGNITO_ROLES,
    identity: [allowAll],
    session: guestSessionPolicies(),
    action: "execute-api:Invoke",
    resource: API,
    expected: "allow",
  },
  {
    name: "guest: role allows *, IAM is scoped away",
    source: COGNITO_ROLES,
    identity: [allowAll],
    session: guestSessionPolicies(),
    action: "iam:CreateRole",
    resource: "arn:aws:iam::123456789012:role/x",
    expected: "implicit_deny",
  },
  {
    name: "guest: the managed policy's rum:PutRumEvents",
    source: COGNITO_ROLES,
    identity: [allowAll],
    session: guestSessionPolicies(),
    action: "rum:PutRumEvents",
    resource: "*",
    expected: "allow",
  },
  {
    name: "guest: KMS limited to the listed actions",
    source: COGNITO_ROLES,
    identity: [allowAll],
    session: guestSessionPolicies(),
    action: "kms:CreateKey",
    resource: "*",
    expected: "implicit_deny",
  },
  {
    name: "guest: the role still limits",
    source: COGNITO_ROLES,
    identity: [readOnlySession],
    session: guestSessionPolicies(),
    action: "execute-api:Invoke",
    resource: API,
    expected: "implicit_deny",
  },
];

describe("evaluatePermission: session policies and the guest scope-down", () => {
  decisionTable(sessionRows);

  it("keeps the guest inline policy within STS's 2048-character session policy limit", () => {
    expect(GUEST_SESSION_POLICY.length).toBeLessThanOrEqual(2048);
    expect(guestSessionPolicies()).toBe(guestSessionPolicies());
  });
});
