import type { Operation } from "../protocol/index.js";
import type { IamDeps } from "./deps.js";
import { acceptProviderKeys } from "./operations/accept-provider-keys.js";
import { addClientIdToOpenIdConnectProvider } from "./operations/add-client-id-to-open-id-connect-provider.js";
import { attachRolePolicy } from "./operations/attach-role-policy.js";
import { createOpenIdConnectProvider } from "./operations/create-open-id-connect-provider.js";
import { createPolicy } from "./operations/create-policy.js";
import { createPolicyVersion } from "./operations/create-policy-version.js";
import { createRole } from "./operations/create-role.js";
import { deleteOpenIdConnectProvider } from "./operations/delete-open-id-connect-provider.js";
import { deletePolicy } from "./operations/delete-policy.js";
import { deletePolicyVersion } from "./operations/delete-policy-version.js";
import { deleteRole } from "./operations/delete-role.js";
import { deleteRolePolicy } from "./operations/delete-role-policy.js";
import { detachRolePolicy } from "./operations/detach-role-policy.js";
import { getOpenIdConnectProvider } from "./operations/get-open-id-connect-provider.js";
import { getPolicy } from "./operations/get-policy.js";
import { getPolicyVersion } from "./operations/get-policy-version.js";
import { getRole } from "./operations/get-role.js";
import { getRolePolicy } from "./operations/get-role-policy.js";
import { inspectProviderCertificates } from "./operations/inspect-provider-certificates.js";
import { listAttachedRolePolicies } from "./operations/list-attached-role-policies.js";
import { listOpenIdConnectProviderTags } from "./operations/list-open-id-connect-provider-tags.js";
import { listOpenIdConnectProviders } from "./operations/list-open-id-connect-providers.js";
import { listPolicies } from "./operations/list-policies.js";
import { listRolePolicies } from "./operations/list-role-policies.js";
import { listRoleTags } from "./operations/list-role-tags.js";
import { listRoles } from "./operations/list-roles.js";
import { putRolePolicy } from "./operations/put-role-policy.js";
import { removeClientIdFromOpenIdConnectProvider } from "./operations/remove-client-id-from-open-id-connect-provider.js";
import { setDefaultPolicyVersion } from "./operations/set-default-policy-version.js";
import { tagOpenIdConnectProvider } from "./operations/tag-open-id-connect-provider.js";
import { tagRole } from "./operations/tag-role.js";
import { untagOpenIdConnectProvider } from "./operations/untag-open-id-connect-provider.js";
import { untagRole } from "./operations/untag-role.js";
import { updateAssumeRolePolicy } from "./operations/update-assume-role-policy.js";
import { updateOpenIdConnectProviderThumbprint } from "./operations/update-open-id-connect-provider-thumbprint.js";
import { updateRole } from "./operations/update-role.js";

export type { IamDeps, ProviderChainsPort, ProviderKeysPort } from "./deps.js";
export {
  findOidcProviderByArn,
  findOidcProviderByLoginsKey,
} from "./oidc-providers/provider-store.js";
export { loginsKeyOf } from "./oidc-providers/provider-url.js";
export { defaultDocumentOf, permissionPoliciesOf } from "./policies/permission-policies.js";
export {
  type AuthorizationRequest,
  awsManagedSessionPolicy,
  CONDITION_BASE_OPERATORS,
  type Condition,
  type ConditionBaseOperator,
  type ConditionClause,
  type ConditionKeyValues,
  type ConditionOperator,
  conditionClauses,
  type Effect,
  evaluatePermission,
  evaluateTrust,
  explainPermission,
  GUEST_SESSION_POLICY,
  GUEST_SESSION_POLICY_ARNS,
  guestSessionPolicies,
  type PermissionDecision,
  type PermissionEvaluation,
  type PermissionPolicies,
  type PolicyDocument,
  type PolicyKind,
  type PolicyParseResult,
  type PolicyPrincipal,
  type PolicyVersion,
  PRINCIPAL_TYPES,
  type PrincipalType,
  parseConditionOperator,
  parsePolicy,
  policySize,
  type SetQualifier,
  type Statement,
  type StatementRef,
  type TrustDecision,
  type TrustRequest,
} from "./policy/index.js";
export { trustPolicyOf } from "./roles/role-policies.js";
export { findRoleByArn } from "./roles/role-store.js";

/**
 * The IAM operations idpool serves: OpenID Connect provider objects (reference §7), roles
 * (reference §1.2, §6.3) and customer managed policies (reference, "IAM managed policies"), plus idpool's own IdpoolService.AcceptProviderKeys and InspectProviderCertificates on those providers.
 */
export function iamOperations(deps: IamDeps): Operation[] {
  return [
    createOpenIdConnectProvider(deps),
    getOpenIdConnectProvider(deps),
    listOpenIdConnectProviders(deps),
    deleteOpenIdConnectProvider(deps),
    updateOpenIdConnectProviderThumbprint(deps),
    addClientIdToOpenIdConnectProvider(deps),
    removeClientIdFromOpenIdConnectProvider(deps),
    tagOpenIdConnectProvider(deps),
    untagOpenIdConnectProvider(deps),
    listOpenIdConnectProviderTags(deps),
    // idpool's own (service "idpool"): accepting a provider's replaced key set.
    acceptProviderKeys(deps),
    // idpool's own: the certificate chains of a provider's hosts, as `idpool thumbprint` shows them.
    inspectProviderCertificates(deps),
    createRole(deps),
    getRole(deps),
    listRoles(deps),
    updateRole(deps),
    updateAssumeRolePolicy(deps),
    deleteRole(deps),
    putRolePolicy(deps),
    getRolePolicy(deps),
    listRolePolicies(deps),
    deleteRolePolicy(deps),
    tagRole(deps),
    untagRole(deps),
    listRoleTags(deps),
    createPolicy(deps),
    getPolicy(deps),
    listPolicies(deps),
    deletePolicy(deps),
    createPolicyVersion(deps),
    getPolicyVersion(deps),
    deletePolicyVersion(deps),
    setDefaultPolicyVersion(deps),
    attachRolePolicy(deps),
    detachRolePolicy(deps),
    listAttachedRolePolicies(deps),
  ];
}
