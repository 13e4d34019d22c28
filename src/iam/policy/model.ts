/**
 * A parsed IAM policy document, named as in the JSON grammar
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html).
 * Single values are normalised to lists and condition values to strings, so an evaluator never
 * has to ask "string or array?" again.
 */
export type PolicyVersion = "2012-10-17" | "2008-10-17";

export type Effect = "Allow" | "Deny";

/** The principal kinds IAM accepts in a `Principal` or `NotPrincipal` object. */
export const PRINCIPAL_TYPES = ["AWS", "Federated", "Service", "CanonicalUser"] as const;
export type PrincipalType = (typeof PRINCIPAL_TYPES)[number];

/** `"*"` (everyone, anonymous included) or principals by kind, each a non-empty list. */
export type PolicyPrincipal = "*" | Readonly<Partial<Record<PrincipalType, readonly string[]>>>;

/** Condition values by condition key, e.g. `{"cognito-identity.amazonaws.com:aud": ["us-east-1:…"]}`. */
export type ConditionKeyValues = Readonly<Record<string, readonly string[]>>;

/** Operator as written (`ForAnyValue:StringLike`, `StringEqualsIfExists`) → keys → values. */
export type Condition = Readonly<Record<string, ConditionKeyValues>>;

export interface Statement {
  readonly Sid?: string;
  readonly Effect: Effect;
  readonly Principal?: PolicyPrincipal;
  readonly NotPrincipal?: PolicyPrincipal;
  /** Exactly one of Action / NotAction is present. */
  readonly Action?: readonly string[];
  readonly NotAction?: readonly string[];
  /** Absent from trust policies; exactly one present in permission policies. */
  readonly Resource?: readonly string[];
  readonly NotResource?: readonly string[];
  /** Empty when the statement has no Condition block. */
  readonly Condition: Condition;
}

export interface PolicyDocument {
  /** `2008-10-17` when the document omits it, as IAM assumes. */
  readonly Version: PolicyVersion;
  readonly Id?: string;
  readonly Statement: readonly Statement[];
}

/**
 * Trust policies (a role's AssumeRolePolicyDocument) name who may assume the role and have no
 * Resource; permission policies (inline role policies) name resources and have no Principal.
 */
export type PolicyKind = "trust" | "permission";
