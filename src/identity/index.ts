import type { Operation } from "../protocol/index.js";
import type { IdentityDeps } from "./deps.js";
import { createIdentityPool } from "./operations/create-identity-pool.js";
import { createIdentityPoolWithId } from "./operations/create-identity-pool-with-id.js";
import { deleteIdentities } from "./operations/delete-identities.js";
import { deleteIdentityPool } from "./operations/delete-identity-pool.js";
import { describeIdentity } from "./operations/describe-identity.js";
import { describeIdentityPool } from "./operations/describe-identity-pool.js";
import { diagnoseTokenOperation } from "./operations/diagnose-token.js";
import { getCredentialsForIdentity } from "./operations/get-credentials-for-identity.js";
import { getId } from "./operations/get-id.js";
import { getIdentityPoolRoles } from "./operations/get-identity-pool-roles.js";
import { getOpenIdToken } from "./operations/get-open-id-token.js";
import { getOpenIdTokenForDeveloperIdentity } from "./operations/get-open-id-token-for-developer-identity.js";
import { getPrincipalTagAttributeMap } from "./operations/get-principal-tag-attribute-map.js";
import { listIdentities } from "./operations/list-identities.js";
import { listIdentityPools } from "./operations/list-identity-pools.js";
import { listRecentRefusals, NO_RECENT_REFUSALS, type RecentRefusalSource } from "./operations/list-recent-refusals.js";
import { listSigningKeys } from "./operations/list-signing-keys.js";
import { listTagsForResource } from "./operations/list-tags-for-resource.js";
import { lookupDeveloperIdentity } from "./operations/lookup-developer-identity.js";
import { mergeDeveloperIdentities } from "./operations/merge-developer-identities.js";
import { revokeSessions } from "./operations/revoke-sessions.js";
import { rotateSigningKey } from "./operations/rotate-signing-key.js";
import { setIdentityPoolRoles } from "./operations/set-identity-pool-roles.js";
import { setPrincipalTagAttributeMap } from "./operations/set-principal-tag-attribute-map.js";
import { tagResource } from "./operations/tag-resource.js";
import { unlinkDeveloperIdentity } from "./operations/unlink-developer-identity.js";
import { unlinkIdentity } from "./operations/unlink-identity.js";
import { untagResource } from "./operations/untag-resource.js";
import { updateIdentityPool } from "./operations/update-identity-pool.js";

export type { AdminDeps, IdentityDeps } from "./deps.js";
export type { RecentRefusalEntry, RecentRefusalSource } from "./operations/list-recent-refusals.js";

/** What idpool's own console operations read besides IdentityDeps. */
export interface ConsoleOperationDeps {
  /** This process's recently refused logins (the composition root hands telemetry's ring). */
  readonly recentRefusals?: RecentRefusalSource;
}

/**
 * The Cognito Identity operations idpool serves (reference §2): pools and their configuration,
 * the public token exchanges, identities, and developer-authenticated identities. Who may call
 * each is the operation's own `auth`. Also idpool's own operations for the console (`own`: what they read).
 */
export function identityOperations(deps: IdentityDeps, own: ConsoleOperationDeps = {}): Operation[] {
  return [
    // Identity pools.
    createIdentityPool(deps),
    // idpool's own: CreateIdentityPool with a pinned id (IdpoolService, for setup files).
    createIdentityPoolWithId(deps),
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
    // Identities and their logins.
    getId(deps),
    getCredentialsForIdentity(deps),
    getOpenIdToken(deps),
    unlinkIdentity(deps),
    listIdentities(deps),
    describeIdentity(deps),
    deleteIdentities(deps),
    // Developer-authenticated identities.
    getOpenIdTokenForDeveloperIdentity(deps),
    lookupDeveloperIdentity(deps),
    mergeDeveloperIdentities(deps),
    unlinkDeveloperIdentity(deps),
    // idpool's own, for the web console and `idpool doctor --endpoint` (IdpoolService, root only).
    diagnoseTokenOperation(deps),
    listRecentRefusals(own.recentRefusals ?? NO_RECENT_REFUSALS),
    listSigningKeys(deps),
    rotateSigningKey(deps),
    revokeSessions(deps),
  ];
}
