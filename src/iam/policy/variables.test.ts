// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM policy variables are written ${…} inside plain strings.
import { describe } from "vitest";
import { type DecisionRow, decisionTable, permissionPolicy as p } from "./test-support.js";

const VARIABLES = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html";
const COGNITO_ROLES = "https://docs.aws.amazon.com/cognito/latest/developerguide/iam-roles.html";

const userDir = (version?: string) => [
  p([{ Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::amzn-s3-demo-bucket/${aws:username}/*" }], version),
];
const cognitoSub = [
  p([{ Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::mybucket/${cognito-identity.amazonaws.com:sub}/*" }]),
];
const sub = "us-east-1:0a1b2c3d-1111-2222-3333-444455556666";
const teamDir = [
  p([
    {
      Effect: "Allow",
      Action: "s3:*",
      Resource: "arn:aws:s3:::amzn-s3-demo-bucket/${aws:PrincipalTag/team, 'company-wide'}/*",
    },
  ]),
];

const mixed = [
  p([{ Effect: "Allow", Action: "s3:*", Resource: ["arn:aws:s3:::public/*", "arn:aws:s3:::home/${aws:username}/*"] }]),
];

const variableRows: DecisionRow[] = [
  {
    name: "mixed list: the plain entry matches without the variable's key",
    source: VARIABLES,
    identity: mixed,
    action: "s3:GetObject",
    resource: "arn:aws:s3:::public/x",
    expected: "allow",
  },
  {
    name: "mixed list: the variable entry needs its key",
    source: VARIABLES,
    identity: mixed,
    action: "s3:GetObject",
    resource: "arn:aws:s3:::home/david/x",
    expected: "implicit_deny",
  },
  {
    name: "${aws:username} in Resource",
    source: VARIABLES,
    identity: userDir(),
    action: "s3:GetObject",
    resource: "arn:aws:s3:::amzn-s3-demo-bucket/david/notes.txt",
    context: { "aws:username": ["david"] },
    expected: "allow",
  },
  {
    name: "${aws:username}: another user's folder",
    source: VARIABLES,
    identity: userDir(),
    action: "s3:GetObject",
    resource: "arn:aws:s3:::amzn-s3-demo-bucket/alice/notes.txt",
    context: { "aws:username": ["david"] },
    expected: "implicit_deny",
  },
  {
    name: "variable key absent: the resource does not match",
    source: VARIABLES,
    identity: userDir(),
    action: "s3:GetObject",
    resource: "arn:aws:s3:::amzn-s3-demo-bucket/david/notes.txt",
    expected: "implicit_deny",
  },
  {
    name: "no variables in a 2008-10-17 document",
    source: VARIABLES,
    identity: userDir("2008-10-17"),
    action: "s3:GetObject",
    resource: "arn:aws:s3:::amzn-s3-demo-bucket/${aws:username}/x",
    context: { "aws:username": ["david"] },
    expected: "allow",
  },
  {
    name: "2008-10-17: the text is not substituted",
    source: VARIABLES,
    identity: userDir("2008-10-17"),
    action: "s3:GetObject",
    resource: "arn:aws:s3:::amzn-s3-demo-bucket/david/x",
    context: { "aws:username": ["david"] },
    expected: "implicit_deny",
  },
  {
    name: "${cognito-identity.amazonaws.com:sub} folder",
    source: COGNITO_ROLES,
    identity: cognitoSub,
    action: "s3:PutObject",
    resource: `arn:aws:s3:::mybucket/${sub}/photo.jpg`,
    context: { "cognito-identity.amazonaws.com:sub": [sub] },
    expected: "allow",
  },
  {
    name: "a value is inserted literally: its * is no wildcard",
    source: VARIABLES,
    identity: cognitoSub,
    action: "s3:PutObject",
    resource: `arn:aws:s3:::mybucket/${sub}/photo.jpg`,
    context: { "cognito-identity.amazonaws.com:sub": ["*"] },
    expected: "implicit_deny",
  },
  {
    name: "default value when the tag is absent",
    source: VARIABLES,
    identity: teamDir,
    action: "s3:GetObject",
    resource: "arn:aws:s3:::amzn-s3-demo-bucket/company-wide/x",
    expected: "allow",
  },
  {
    name: "the tag's value when present (tag key in any case)",
    source: VARIABLES,
    identity: teamDir,
    action: "s3:GetObject",
    resource: "arn:aws:s3:::amzn-s3-demo-bucket/red/x",
    context: { "aws:principaltag/TEAM": ["red"] },
    expected: "allow",
  },
  {
    name: "the default no longer applies when the tag is present",
    source: VARIABLES,
    identity: teamDir,
    action: "s3:GetObject",
    resource: "arn:aws:s3:::amzn-s3-demo-bucket/company-wide/x",
    context: { "aws:PrincipalTag/team": ["red"] },
    expected: "implicit_deny",
  },
  {
    name: "${*} is a literal star",
    source: VARIABLES,
    identity: [p([{ Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::b/${*}" }])],
    action: "s3:GetObject",
    resource: "arn:aws:s3:::b/*",
    expected: "allow",
  },
  {
    name: "${*} matches only a star",
    source: VARIABLES,
    identity: [p([{ Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::b/${*}" }])],
    action: "s3:GetObject",
    resource: "arn:aws:s3:::b/k",
    expected: "implicit_deny",
  },
  {
    name: "${?} and ${$} are literal",
    source: VARIABLES,
    identity: [p([{ Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::b/${?}${$}" }])],
    action: "s3:GetObject",
    resource: "arn:aws:s3:::b/?$",
    expected: "allow",
  },
];

describe("evaluatePermission: policy variables in Resource", () => decisionTable(variableRows));
