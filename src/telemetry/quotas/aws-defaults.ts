/**
 * AWS's default request-rate quotas of Cognito Identity, in requests per second, per operation
 * (`--quota-defaults aws`). Source: Amazon Cognito Developer Guide, "Quotas in Amazon Cognito",
 * section "Amazon Cognito identity pools (federated identities) API operation request rate quotas",
 * https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html (the page's figures are
 * the lowest default of any Region; reference/cognito-identity.md §8 keeps the same table).
 * AWS publishes no figure for the other operations, so `--quota-defaults aws` leaves them
 * unlimited; `--quota OPERATION=RATE` sets one.
 */
export const AWS_DEFAULT_QUOTAS: Readonly<Record<string, number>> = Object.freeze({
  GetId: 25,
  GetOpenIdToken: 200,
  GetCredentialsForIdentity: 200,
  GetOpenIdTokenForDeveloperIdentity: 50,
  ListIdentities: 5,
  DeleteIdentities: 10,
  TagResource: 5,
  UntagResource: 5,
  ListTagsForResource: 10,
});
