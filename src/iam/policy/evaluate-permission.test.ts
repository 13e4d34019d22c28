import { describe, expect, it } from "vitest";
import { explainPermission } from "./evaluate-permission.js";
import { type DecisionRow, decisionTable, permissionPolicy as p } from "./test-support.js";

const DOCS = "https://docs.aws.amazon.com/IAM/latest/UserGuide/";
const LOGIC = `${DOCS}reference_policies_evaluation-logic.html`;
const NOT_ACTION = `${DOCS}reference_policies_elements_notaction.html`;
const NOT_RESOURCE = `${DOCS}reference_policies_elements_notresource.html`;
const RESOURCE = `${DOCS}reference_policies_elements_resource.html`;
const ACTION = `${DOCS}reference_policies_elements_action.html`;

const API = "arn:aws:execute-api:us-east-1:123456789012:idpool/$default/GET/users/alice";
const allowAll = p([{ Effect: "Allow", Action: "*", Resource: "*" }]);

// The evaluation-logic page's example: Carlos's identity policy, with a Deny on every *log* bucket.
const carlos = p([
  {
    Sid: "AllowS3ListRead",
    Effect: "Allow",
    Action: ["s3:GetBucketLocation", "s3:GetObjectVersion", "s3:ListAllMyBuckets"],
    Resource: "*",
  },
  {
    Sid: "AllowS3Self",
    Effect: "Allow",
    Action: "s3:*",
    Resource: ["arn:aws:s3:::carlos-bucket", "arn:aws:s3:::carlos-bucket/*"],
  },
  { Sid: "DenyS3Logs", Effect: "Deny", Action: "s3:*", Resource: "arn:aws:s3:::*log*" },
]);

const notIam = p([{ Effect: "Allow", NotAction: "iam:*", Resource: "*" }]);
// The NotAction page's example: everything but IAM is denied when MFA is not present.
const denyAllButIamWithoutMfa = p([
  {
    Effect: "Deny",
    NotAction: "iam:*",
    Resource: "*",
    Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
  },
]);
const payroll = ["arn:aws:s3:::HRBucket/Payroll", "arn:aws:s3:::HRBucket/Payroll/*"];

const logicRows: DecisionRow[] = [
  {
    name: "no policy allows: implicit deny",
    source: LOGIC,
    identity: [],
    action: "s3:GetObject",
    resource: "arn:aws:s3:::b/k",
    expected: "implicit_deny",
  },
  {
    name: "Carlos: list read on any resource",
    source: LOGIC,
    identity: [carlos],
    action: "s3:ListAllMyBuckets",
    resource: "*",
    expected: "allow",
  },
  {
    name: "Carlos: anything in carlos-bucket",
    source: LOGIC,
    identity: [carlos],
    action: "s3:PutObject",
    resource: "arn:aws:s3:::carlos-bucket/photo.jpg",
    expected: "allow",
  },
  {
    name: "Carlos: a log bucket, explicit Deny wins over the Allow",
    source: LOGIC,
    identity: [carlos],
    action: "s3:GetObjectVersion",
    resource: "arn:aws:s3:::carlos-logs",
    expected: "explicit_deny",
  },
  {
    name: "Carlos: write elsewhere is not allowed",
    source: LOGIC,
    identity: [carlos],
    action: "s3:PutObject",
    resource: "arn:aws:s3:::other/k",
    expected: "implicit_deny",
  },
  {
    name: "a Deny in a second identity policy wins",
    source: LOGIC,
    identity: [allowAll, p([{ Effect: "Deny", Action: "iam:*", Resource: "*" }])],
    action: "iam:CreateRole",
    resource: "*",
    expected: "explicit_deny",
  },
  {
    name: "NotAction Allow: any service but IAM",
    source: NOT_ACTION,
    identity: [notIam],
    action: "s3:ListBucket",
    resource: "arn:aws:s3:::b",
    expected: "allow",
  },
  {
    name: "NotAction Allow: IAM itself is not allowed",
    source: NOT_ACTION,
    identity: [notIam],
    action: "iam:CreateRole",
    resource: "*",
    expected: "implicit_deny",
  },
  {
    name: "NotAction Deny without MFA: other services denied",
    source: NOT_ACTION,
    identity: [allowAll, denyAllButIamWithoutMfa],
    action: "s3:GetObject",
    resource: "arn:aws:s3:::b/k",
    expected: "explicit_deny",
  },
  {
    name: "NotAction Deny without MFA: IAM still allowed",
    source: NOT_ACTION,
    identity: [allowAll, denyAllButIamWithoutMfa],
    action: "iam:ListUsers",
    resource: "*",
    expected: "allow",
  },
  {
    name: "NotAction Deny with MFA: no deny",
    source: NOT_ACTION,
    identity: [allowAll, denyAllButIamWithoutMfa],
    action: "s3:GetObject",
    resource: "arn:aws:s3:::b/k",
    context: { "aws:MultiFactorAuthPresent": ["true"] },
    expected: "allow",
  },
  {
    name: "NotResource Allow: payroll excluded",
    source: NOT_RESOURCE,
    identity: [p([{ Effect: "Allow", Action: "s3:*", NotResource: payroll }])],
    action: "s3:GetObject",
    resource: "arn:aws:s3:::HRBucket/Payroll/2024.csv",
    expected: "implicit_deny",
  },
  {
    name: "NotResource Allow: other objects allowed",
    source: NOT_RESOURCE,
    identity: [p([{ Effect: "Allow", Action: "s3:*", NotResource: payroll }])],
    action: "s3:GetObject",
    resource: "arn:aws:s3:::HRBucket/Benefits/plan.pdf",
    expected: "allow",
  },
  {
    name: "NotResource Deny: everything but payroll denied",
    source: NOT_RESOURCE,
    identity: [allowAll, p([{ Effect: "Deny", Action: "s3:*", NotResource: payroll }])],
    action: "s3:GetObject",
    resource: "arn:aws:s3:::other/k",
    expected: "explicit_deny",
  },
  {
    name: "NotResource Deny: payroll still allowed",
    source: NOT_RESOURCE,
    identity: [allowAll, p([{ Effect: "Deny", Action: "s3:*", NotResource: payroll }])],
    action: "s3:GetObject",
    resource: "arn:aws:s3:::HRBucket/Payroll",
    expected: "allow",
  },
];

const api = (resource: string | string[]) => [
  p([{ Effect: "Allow", Action: "execute-api:Invoke", Resource: resource }]),
];

const matchingRows: DecisionRow[] = [
  {
    name: "action names are case-insensitive",
    source: ACTION,
    identity: api(API),
    action: "EXECUTE-API:invoke",
    resource: API,
    expected: "allow",
  },
  {
    name: "action wildcard ? is one character",
    source: ACTION,
    identity: [p([{ Effect: "Allow", Action: "s3:?etObject", Resource: "*" }])],
    action: "s3:GetObject",
    resource: "*",
    expected: "allow",
  },
  {
    name: "action wildcard prefix",
    source: ACTION,
    identity: [p([{ Effect: "Allow", Action: "iam:*AccessKey*", Resource: "*" }])],
    action: "iam:ListAccessKeys",
    resource: "*",
    expected: "allow",
  },
  {
    name: "resources are case-sensitive",
    source: RESOURCE,
    identity: api(API),
    action: "execute-api:Invoke",
    resource: API.replace("alice", "Alice"),
    expected: "implicit_deny",
  },
  {
    name: "a * last in its segment crosses colons",
    source: RESOURCE,
    identity: api("arn:aws:execute-api:*"),
    action: "execute-api:Invoke",
    resource: API,
    expected: "allow",
  },
  {
    name: "stage, method and path wildcards",
    source: RESOURCE,
    identity: api("arn:aws:execute-api:us-east-1:123456789012:idpool/*/GET/users/*"),
    action: "execute-api:Invoke",
    resource: API,
    expected: "allow",
  },
  {
    name: "path wildcard does not allow another method",
    source: RESOURCE,
    identity: api("arn:aws:execute-api:us-east-1:123456789012:idpool/*/GET/users/*"),
    action: "execute-api:Invoke",
    resource: API.replace("/GET/", "/DELETE/"),
    expected: "implicit_deny",
  },
  {
    name: "a * inside a segment stays in it",
    source: RESOURCE,
    identity: api("arn:aws:execute-api:us-*-1:123456789012:*"),
    action: "execute-api:Invoke",
    resource: API,
    expected: "allow",
  },
  {
    name: "a * inside a segment does not cross a colon",
    source: RESOURCE,
    identity: [p([{ Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::a*b" }])],
    action: "s3:GetObject",
    resource: "arn:aws:s3:::a:x:b",
    expected: "implicit_deny",
  },
  {
    name: "? does not match a colon",
    source: RESOURCE,
    identity: [p([{ Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::a?b" }])],
    action: "s3:GetObject",
    resource: "arn:aws:s3:::a:b",
    expected: "implicit_deny",
  },
  {
    name: "? matches one character in a segment",
    source: RESOURCE,
    identity: [p([{ Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::a?b" }])],
    action: "s3:GetObject",
    resource: "arn:aws:s3:::axb",
    expected: "allow",
  },
];

describe("evaluatePermission: evaluation logic, NotAction, NotResource", () => decisionTable(logicRows));
describe("evaluatePermission: Action and Resource matching", () => decisionTable(matchingRows));

// A role allowing S3 and API Gateway, narrowed by a read-only session policy.
const role = p([{ Effect: "Allow", Action: ["s3:*", "execute-api:*"], Resource: "*" }]);
const readOnlySession = p([{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }]);

describe("explainPermission", () => {
  it("names the denying statement, or both allowing statements, or what is missing", () => {
    const request = (action: string, resource: string) => ({ action, resource, context: {} });
    expect(explainPermission({ identity: [carlos] }, request("s3:GetObject", "arn:aws:s3:::my-logs/k"))).toEqual({
      decision: "explicit_deny",
      statements: [{ set: "identity", policyIndex: 0, statementIndex: 2, sid: "DenyS3Logs" }],
    });
    expect(explainPermission({ identity: [role], session: [readOnlySession] }, request("s3:GetObject", "*"))).toEqual({
      decision: "allow",
      statements: [
        { set: "identity", policyIndex: 0, statementIndex: 0 },
        { set: "session", policyIndex: 0, statementIndex: 0 },
      ],
    });
    expect(explainPermission({ identity: [role], session: [readOnlySession] }, request("s3:PutObject", "*"))).toEqual({
      decision: "implicit_deny",
      statements: [],
      missing: "session_allow",
    });
  });
});
