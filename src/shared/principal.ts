/**
 * Who made a signed request, as SigV4 established it (auth/ verifies, protocol/ carries it in the
 * request context, operations read it). Not to be confused with a policy document's `Principal`
 * element, which iam/ calls `PolicyPrincipal`.
 */
export interface Principal {
  readonly accessKeyId: string;
  readonly kind: "root" | "session";
  /** ARN for GetCallerIdentity-style answers. */
  readonly arn: string;
  readonly userId: string;
  readonly accountId: string;
}
