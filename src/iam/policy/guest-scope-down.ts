import type { PolicyDocument } from "./model.js";
import { parsePolicy } from "./parse.js";

/**
 * The scope-down Cognito applies to unauthenticated (guest) identities in the enhanced flow:
 * GetCredentialsForIdentity passes an inline session policy plus the AWS managed policy
 * AmazonCognitoUnauthenticatedIdentities to AssumeRoleWithWebIdentity, so a guest's permissions are
 * the intersection of its role's policies with these (reference §6.2; Amazon Cognito Developer Guide,
 * "IAM roles", https://docs.aws.amazon.com/cognito/latest/developerguide/iam-roles.html; and
 * https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonCognitoUnauthenticatedIdentities.html:
 * "the intersection of the role associated with the identity of the unauthenticated user ... and the
 * privileges given in this managed policy").
 *
 * The inline policy lists the services of the developer guide's list (reference §6.2), with the
 * action limits given there (Sumerian View*, KMS Encrypt/Decrypt/ReEncrypt/GenerateDataKey,
 * SageMaker InvokeEndpoint, Textract DetectDocumentText/AnalyzeDocument); API Gateway is on the list,
 * hence `execute-api:*`. The mapping of service names to action prefixes is idpool's. The managed
 * policy's document is AWS's (v1: `rum:PutRumEvents` on `*`).
 *
 * Not included: AmazonCognitoUnAuthedIdentitiesSessionPolicy (v3), a later managed guardrail whose
 * page also says Cognito includes it; it lists no API Gateway action, and the reference records the
 * inline policy plus AmazonCognitoUnauthenticatedIdentities as what Cognito passes (reference §6.2).
 */
const GUEST_INLINE_ACTIONS = [
  "firehose:*",
  "kinesisanalytics:*",
  "sqs:*",
  "sumerian:View*",
  "mobileanalytics:*",
  "ses:*",
  "lambda:*",
  "kms:Encrypt",
  "kms:Decrypt",
  "kms:ReEncrypt*",
  "kms:GenerateDataKey*",
  "dynamodb:*",
  "sdb:*",
  "appsync:*",
  "geo:*",
  "sns:*",
  "gamelift:*",
  "iot:*",
  "codewhisperer:*",
  "comprehend:*",
  "lex:*",
  "machinelearning:*",
  "personalize:*",
  "polly:*",
  "rekognition:*",
  "sagemaker:InvokeEndpoint",
  "textract:DetectDocumentText",
  "textract:AnalyzeDocument",
  "transcribe:*",
  "translate:*",
  "cloudwatch:*",
  "logs:*",
  "execute-api:*",
  "cognito-identity:*",
  "cognito-idp:*",
  "cognito-sync:*",
  "s3:*",
] as const;

/** JSON text of the inline session policy passed for guests (the STS `Policy` parameter). */
export const GUEST_SESSION_POLICY: string = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: GUEST_INLINE_ACTIONS, Resource: "*" }],
});

/** The managed session policies passed for guests (the STS `PolicyArns` parameter). */
export const GUEST_SESSION_POLICY_ARNS: readonly string[] = [
  "arn:aws:iam::aws:policy/AmazonCognitoUnauthenticatedIdentities",
];

/** AmazonCognitoUnauthenticatedIdentities, policy version v1 (AWS Managed Policy reference). */
const AMAZON_COGNITO_UNAUTHENTICATED_IDENTITIES = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "rum:PutRumEvents", Resource: "*" }],
});

let parsed: readonly PolicyDocument[] | undefined;

function parseFixed(text: string): PolicyDocument {
  const result = parsePolicy(text, "permission");
  // Fixed text written above: a failure is a programming mistake, caught by the tests.
  if (!result.ok) throw new Error(`guest session policy does not parse: ${result.reason}`);
  return result.document;
}

/** The guest session policies (inline, then managed), parsed once. */
export function guestSessionPolicies(): readonly PolicyDocument[] {
  parsed ??= Object.freeze([parseFixed(GUEST_SESSION_POLICY), parseFixed(AMAZON_COGNITO_UNAUTHENTICATED_IDENTITIES)]);
  return parsed;
}

/**
 * The AWS managed policies idpool knows, by ARN: only the one it passes itself, as a guest's
 * session policy (above). Customer managed policies are in the store.
 */
export function awsManagedSessionPolicy(arn: string): PolicyDocument | undefined {
  return arn === GUEST_SESSION_POLICY_ARNS[0] ? guestSessionPolicies()[1] : undefined;
}
