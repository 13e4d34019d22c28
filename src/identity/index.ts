import type { Operation } from "../protocol/index.js";
import type { IdentityDeps } from "./deps.js";
import { createIdentityPool } from "./operations/create-identity-pool.js";
import { deleteIdentityPool } from "./operations/delete-identity-pool.js";
import { describeIdentityPool } from "./operations/describe-identity-pool.js";
import { getIdentityPoolRoles } from "./operations/get-identity-pool-roles.js";
import { getPrincipalTagAttributeMap } from "./operations/get-principal-tag-attribute-map.js";
import { listIdentityPools } from "./operations/list-identity-pools.js";
import { listTagsForResource } from "./operations/list-tags-for-resource.js";
import { setIdentityPoolRoles } from "./operations/set-identity-pool-roles.js";
import { setPrincipalTagAttributeMap } from "./operations/set-principal-tag-attribute-map.js";
import { tagResource } from "./operations/tag-resource.js";
import { untagResource } from "./operations/untag-resource.js";
import { updateIdentityPool } from "./operations/update-identity-pool.js";

export type { IdentityDeps } from "./deps.js";
export { identityFlowOperations } from "./flow-operations.js";
export type { FlowDeps } from "./flows/flow-deps.js";

/**
 * Cognito Identity pool administration (issue 2, item 7; reference §2.3): the SigV4-signed
 * operations that create, configure, tag and delete identity pools.
 */
export function identityAdminOperations(deps: IdentityDeps): Operation[] {
  return [
    createIdentityPool(deps),
    describeIdentityPool(deps),
    updateIdentityPool(deps),
    deleteIdentityPool(deps),
    listIdentityPools(deps),
    setIdentityPoolRoles(deps),
    getIdentityPoolRoles(deps),
    setPrincipalTagAttributeMap(deps),
    getPrincipalTagAttributeMap(deps),
    tagResource(deps),
    untagResource(deps),
    listTagsForResource(deps),
  ];
}
