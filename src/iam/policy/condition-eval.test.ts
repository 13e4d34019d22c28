// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM policy variables are written ${…} inside plain strings.
import { describe } from "vitest";
import { type DecisionRow, decisionTable, permissionPolicy as p } from "./test-support.js";

const DOCS = "https://docs.aws.amazon.com/IAM/latest/UserGuide/";
const OPERATORS = `${DOCS}reference_policies_elements_condition_operators.html`;
const CONDITION = `${DOCS}reference_policies_elements_condition.html`;
const MULTI = `${DOCS}reference_policies_condition-single-vs-multi-valued-context-keys.html`;
const DENY_IP = `${DOCS}reference_policies_examples_aws_deny-ip.html`;
const DATES = `${DOCS}reference_policies_examples_aws-dates.html`;
const REVOKE = `${DOCS}id_roles_use_revoke-sessions.html`;
const VARIABLES = `${DOCS}reference_policies_variables.html`;
const DYNAMODB = "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/specifying-conditions.html";

/** An Allow of everything under one condition block: the row's decision is the condition's truth. */
const when = (condition: object, version?: string) => [
  p([{ Effect: "Allow", Action: "*", Resource: "*", Condition: condition }], version),
];
const allowAll = p([{ Effect: "Allow", Action: "*", Resource: "*" }]);
/** Allow everything, Deny under one condition block. */
const denyWhen = (condition: object) => [
  allowAll,
  p([{ Effect: "Deny", Action: "*", Resource: "*", Condition: condition }]),
];

type Case = [
  name: string,
  source: string,
  identity: DecisionRow["identity"],
  context: DecisionRow["context"],
  allowed: boolean | "deny",
];

function rows(cases: readonly Case[]): DecisionRow[] {
  return cases.map(([name, source, identity, context, allowed]) => ({
    name,
    source,
    identity,
    action: "ec2:RunInstances",
    resource: "*",
    ...(context ? { context } : {}),
    expected: allowed === "deny" ? "explicit_deny" : allowed ? "allow" : "implicit_deny",
  }));
}

const instanceTypes = when({ StringLikeIfExists: { "ec2:InstanceType": ["t1.*", "t2.*", "m3.*"] } });
const tagKeysAll = when({ "ForAllValues:StringEquals": { "aws:TagKeys": ["environment", "cost-center"] } });
const tagKeysAny = when({ "ForAnyValue:StringEquals": { "aws:TagKeys": ["environment", "cost-center"] } });
const leadingKeys = when({
  "ForAllValues:StringEquals": { "dynamodb:LeadingKeys": ["${cognito-identity.amazonaws.com:sub}"] },
});
const outsideRanges = denyWhen({
  NotIpAddress: { "aws:SourceIp": ["192.0.2.0/24", "203.0.113.0/24", "2001:DB8:1234:5678::/64"] },
});
const inQ2 = when({
  DateGreaterThan: { "aws:CurrentTime": "2020-04-01T00:00:00Z" },
  DateLessThan: { "aws:CurrentTime": "2020-06-30T23:59:59Z" },
});

const stringAndKeyCases: Case[] = [
  [
    "StringEquals is case-sensitive",
    CONDITION,
    when({ StringEquals: { "aws:username": "johndoe" } }),
    { "aws:username": ["JohnDoe"] },
    false,
  ],
  [
    "StringEqualsIgnoreCase is not",
    CONDITION,
    when({ StringEqualsIgnoreCase: { "aws:username": "johndoe" } }),
    { "aws:username": ["JohnDoe"] },
    true,
  ],
  [
    "context key names are not case-sensitive",
    CONDITION,
    when({ IpAddress: { "aws:SourceIP": "203.0.113.0/24" } }),
    { "AWS:SourceIp": ["203.0.113.7"] },
    true,
  ],
  [
    "tag keys in aws:PrincipalTag/ are not case-sensitive",
    CONDITION,
    when({ StringEquals: { "aws:PrincipalTag/TagKey1": "Value1" } }),
    { "aws:PrincipalTag/tagkey1": ["Value1"] },
    true,
  ],
  [
    "several policy values are ORed",
    OPERATORS,
    when({ StringEquals: { "aws:PrincipalTag/team": ["red", "blue"] } }),
    { "aws:PrincipalTag/team": ["blue"] },
    true,
  ],
  [
    "several clauses are ANDed",
    OPERATORS,
    when({ StringEquals: { "aws:PrincipalTag/team": "red" }, Bool: { "aws:SecureTransport": "true" } }),
    { "aws:PrincipalTag/team": ["red"], "aws:SecureTransport": ["false"] },
    false,
  ],
  [
    "StringLike with wildcards",
    OPERATORS,
    when({ StringLike: { "s3:prefix": ["home/*"] } }),
    { "s3:prefix": ["home/alice/x"] },
    true,
  ],
  [
    "StringNotLike: no value matches",
    OPERATORS,
    when({ StringNotLike: { "s3:prefix": ["home/*"] } }),
    { "s3:prefix": ["public/x"] },
    true,
  ],
  [
    "StringNotEquals on a missing key is true",
    OPERATORS,
    when({ StringNotEquals: { "aws:PrincipalTag/team": "red" } }),
    {},
    true,
  ],
  [
    "StringEquals on a missing key is false",
    OPERATORS,
    when({ StringEquals: { "aws:PrincipalTag/team": "red" } }),
    {},
    false,
  ],
  ["StringLikeIfExists: listed type", OPERATORS, instanceTypes, { "ec2:InstanceType": ["m3.large"] }, true],
  ["StringLikeIfExists: other type", OPERATORS, instanceTypes, { "ec2:InstanceType": ["c4.xlarge"] }, false],
  ["StringLikeIfExists: key absent", OPERATORS, instanceTypes, {}, true],
  ["Null true: no temporary credentials", OPERATORS, when({ Null: { "aws:TokenIssueTime": "true" } }), {}, true],
  [
    "Null true: temporary credentials",
    OPERATORS,
    when({ Null: { "aws:TokenIssueTime": "true" } }),
    { "aws:TokenIssueTime": ["2024-01-01T00:00:00Z"] },
    false,
  ],
  [
    "Null false: key present",
    OPERATORS,
    when({ Null: { "aws:PrincipalTag/team": "false" } }),
    { "aws:PrincipalTag/team": ["red"] },
    true,
  ],
  [
    "variable in a condition value",
    VARIABLES,
    when({ StringEquals: { "s3:prefix": "home/${aws:username}" } }),
    { "s3:prefix": ["home/david"], "aws:username": ["david"] },
    true,
  ],
  [
    "variable with no value: the value matches nothing",
    VARIABLES,
    when({ StringEquals: { "s3:prefix": "home/${aws:username}" } }),
    { "s3:prefix": ["home/"] },
    false,
  ],
  [
    "variable value inserted literally in StringLike",
    VARIABLES,
    when({ StringLike: { "s3:prefix": "home/${aws:username}" } }),
    { "s3:prefix": ["home/david"], "aws:username": ["*"] },
    false,
  ],
  [
    "2008-10-17: no substitution in conditions",
    VARIABLES,
    when({ StringEquals: { "s3:prefix": "home/${aws:username}" } }, "2008-10-17"),
    { "s3:prefix": ["home/${aws:username}"], "aws:username": ["david"] },
    true,
  ],
];

const multiValuedCases: Case[] = [
  [
    "ForAllValues: every request tag key listed",
    MULTI,
    tagKeysAll,
    { "aws:TagKeys": ["environment", "cost-center"] },
    true,
  ],
  ["ForAllValues: one unlisted key", MULTI, tagKeysAll, { "aws:TagKeys": ["environment", "owner"] }, false],
  ["ForAllValues: no key in the request is vacuously true", MULTI, tagKeysAll, {}, true],
  ["ForAnyValue: one listed key suffices", MULTI, tagKeysAny, { "aws:TagKeys": ["owner", "cost-center"] }, true],
  ["ForAnyValue: none listed", MULTI, tagKeysAny, { "aws:TagKeys": ["owner"] }, false],
  ["ForAnyValue: no key in the request is false", MULTI, tagKeysAny, {}, false],
  [
    "ForAnyValue:StringNotEquals: some value unlisted",
    MULTI,
    when({ "ForAnyValue:StringNotEquals": { "aws:TagKeys": ["environment"] } }),
    { "aws:TagKeys": ["environment", "owner"] },
    true,
  ],
  [
    "ForAllValues:StringNotEquals: every value unlisted",
    MULTI,
    when({ "ForAllValues:StringNotEquals": { "aws:TagKeys": ["environment"] } }),
    { "aws:TagKeys": ["environment", "owner"] },
    false,
  ],
  [
    "Deny ForAnyValue on a listed key",
    MULTI,
    denyWhen({ "ForAnyValue:StringEquals": { "aws:TagKeys": ["webserver"] } }),
    { "aws:TagKeys": ["webserver", "x"] },
    "deny",
  ],
  [
    "DynamoDB LeadingKeys = the Cognito identity",
    DYNAMODB,
    leadingKeys,
    { "dynamodb:LeadingKeys": ["us-east-1:abc"], "cognito-identity.amazonaws.com:sub": ["us-east-1:abc"] },
    true,
  ],
  [
    "DynamoDB LeadingKeys: another identity's key",
    DYNAMODB,
    leadingKeys,
    {
      "dynamodb:LeadingKeys": ["us-east-1:abc", "us-east-1:zzz"],
      "cognito-identity.amazonaws.com:sub": ["us-east-1:abc"],
    },
    false,
  ],
  [
    "ForAnyValue on amr (multi-valued Cognito key)",
    MULTI,
    when({ "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "unauthenticated" } }),
    { "cognito-identity.amazonaws.com:amr": ["unauthenticated"] },
    true,
  ],
];

const typedCases: Case[] = [
  [
    "NumericLessThanEquals within",
    OPERATORS,
    when({ NumericLessThanEquals: { "s3:max-keys": "10" } }),
    { "s3:max-keys": ["10"] },
    true,
  ],
  [
    "NumericLessThanEquals above",
    OPERATORS,
    when({ NumericLessThanEquals: { "s3:max-keys": "10" } }),
    { "s3:max-keys": ["11"] },
    false,
  ],
  [
    "NumericNotEquals",
    OPERATORS,
    when({ NumericNotEquals: { "s3:max-keys": "10" } }),
    { "s3:max-keys": ["10.0"] },
    false,
  ],
  [
    "Numeric on a non-number matches nothing",
    OPERATORS,
    when({ NumericGreaterThan: { "s3:max-keys": "1" } }),
    { "s3:max-keys": ["many"] },
    false,
  ],
  ["Date range: inside (ISO 8601)", DATES, inQ2, { "aws:CurrentTime": ["2020-05-15T12:00:00Z"] }, true],
  ["Date range: after", DATES, inQ2, { "aws:CurrentTime": ["2020-07-01T00:00:00Z"] }, false],
  [
    "Date against aws:EpochTime (seconds)",
    OPERATORS,
    when({ DateGreaterThan: { "aws:EpochTime": "2020-04-01T00:00:00Z" } }),
    { "aws:EpochTime": ["1600000000"] },
    true,
  ],
  [
    "Date policy value in epoch seconds",
    OPERATORS,
    when({ DateLessThan: { "aws:CurrentTime": "1585699200" } }),
    { "aws:CurrentTime": ["2020-03-31T23:59:59Z"] },
    true,
  ],
  [
    "DateNotEquals",
    OPERATORS,
    when({ DateNotEquals: { "aws:CurrentTime": "2020-04-01T00:00:00Z" } }),
    { "aws:CurrentTime": ["2020-04-01T00:00:00.000Z"] },
    false,
  ],
  [
    "revoke older sessions: token issued before",
    REVOKE,
    denyWhen({ DateLessThan: { "aws:TokenIssueTime": "2014-05-07T23:47:00Z" } }),
    { "aws:TokenIssueTime": ["2014-05-07T12:00:00Z"] },
    "deny",
  ],
  [
    "revoke older sessions: token issued after",
    REVOKE,
    denyWhen({ DateLessThan: { "aws:TokenIssueTime": "2014-05-07T23:47:00Z" } }),
    { "aws:TokenIssueTime": ["2014-05-08T00:00:00Z"] },
    true,
  ],
  [
    "Bool SecureTransport false → Deny",
    OPERATORS,
    denyWhen({ Bool: { "aws:SecureTransport": "false" } }),
    { "aws:SecureTransport": ["false"] },
    "deny",
  ],
  [
    "Bool SecureTransport true → no Deny",
    OPERATORS,
    denyWhen({ Bool: { "aws:SecureTransport": "false" } }),
    { "aws:SecureTransport": ["true"] },
    true,
  ],
  [
    "Bool written as a JSON boolean",
    OPERATORS,
    when({ Bool: { "aws:SecureTransport": true } }),
    { "aws:SecureTransport": ["true"] },
    true,
  ],
  [
    "BinaryEquals (base64)",
    OPERATORS,
    when({ BinaryEquals: { "custom:key": "QmluYXJ5VmFsdWVJbkJhc2U2NA==" } }),
    { "custom:key": ["QmluYXJ5VmFsdWVJbkJhc2U2NA=="] },
    true,
  ],
  [
    "BinaryEquals other bytes",
    OPERATORS,
    when({ BinaryEquals: { "custom:key": "QmluYXJ5VmFsdWVJbkJhc2U2NA==" } }),
    { "custom:key": ["b3RoZXI="] },
    false,
  ],
  ["NotIpAddress Deny: outside the ranges", DENY_IP, outsideRanges, { "aws:SourceIp": ["198.51.100.4"] }, "deny"],
  ["NotIpAddress Deny: inside an IPv4 range", DENY_IP, outsideRanges, { "aws:SourceIp": ["203.0.113.200"] }, true],
  [
    "NotIpAddress Deny: inside the IPv6 range",
    DENY_IP,
    outsideRanges,
    { "aws:SourceIp": ["2001:db8:1234:5678::1"] },
    true,
  ],
  ["NotIpAddress Deny: another IPv6 address", DENY_IP, outsideRanges, { "aws:SourceIp": ["2001:db8:ffff::1"] }, "deny"],
  [
    "IpAddress: a single address",
    OPERATORS,
    when({ IpAddress: { "aws:SourceIp": "203.0.113.7" } }),
    { "aws:SourceIp": ["203.0.113.7"] },
    true,
  ],
  [
    "ArnEquals",
    OPERATORS,
    when({ ArnEquals: { "aws:SourceArn": "arn:aws:sns:us-east-1:123456789012:topic" } }),
    { "aws:SourceArn": ["arn:aws:sns:us-east-1:123456789012:topic"] },
    true,
  ],
  [
    "ArnLike with a wildcard component",
    OPERATORS,
    when({ ArnLike: { "aws:SourceArn": "arn:aws:sns:*:123456789012:*" } }),
    { "aws:SourceArn": ["arn:aws:sns:eu-west-1:123456789012:t"] },
    true,
  ],
  [
    "ArnNotLike: another account",
    OPERATORS,
    when({ ArnNotLike: { "aws:SourceArn": "arn:aws:sns:*:123456789012:*" } }),
    { "aws:SourceArn": ["arn:aws:sns:eu-west-1:999999999999:t"] },
    true,
  ],
];

describe("evaluatePermission: string operators, keys, IfExists, Null", () => decisionTable(rows(stringAndKeyCases)));
describe("evaluatePermission: multi-valued keys", () => decisionTable(rows(multiValuedCases)));
describe("evaluatePermission: numeric, date, bool, binary, IP and ARN operators", () =>
  decisionTable(rows(typedCases)));
