export { conditionClauses } from "./condition.js";
export {
  CONDITION_BASE_OPERATORS,
  type ConditionBaseOperator,
  type ConditionClause,
  type ConditionOperator,
  parseConditionOperator,
  type SetQualifier,
} from "./condition-operator.js";
export { evaluateTrust, type TrustDecision, type TrustRequest } from "./evaluate.js";
export {
  type AuthorizationRequest,
  evaluatePermission,
  explainPermission,
  type PermissionDecision,
  type PermissionEvaluation,
  type PermissionPolicies,
  type StatementRef,
} from "./evaluate-permission.js";
export {
  awsManagedSessionPolicy,
  GUEST_SESSION_POLICY,
  GUEST_SESSION_POLICY_ARNS,
  guestSessionPolicies,
} from "./guest-scope-down.js";
export type {
  Condition,
  ConditionKeyValues,
  Effect,
  PolicyDocument,
  PolicyKind,
  PolicyPrincipal,
  PolicyVersion,
  PrincipalType,
  Statement,
} from "./model.js";
export { PRINCIPAL_TYPES } from "./model.js";
export { type PolicyParseResult, parsePolicy, policySize } from "./parse.js";
