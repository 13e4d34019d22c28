import type { Operation } from "../protocol/index.js";
import type { FlowDeps } from "./flows/flow-deps.js";
import { deleteIdentities } from "./operations/delete-identities.js";
import { describeIdentity } from "./operations/describe-identity.js";
import { getCredentialsForIdentity } from "./operations/get-credentials-for-identity.js";
import { getId } from "./operations/get-id.js";
import { getOpenIdToken } from "./operations/get-open-id-token.js";
import { getOpenIdTokenForDeveloperIdentity } from "./operations/get-open-id-token-for-developer-identity.js";
import { listIdentities } from "./operations/list-identities.js";
import { lookupDeveloperIdentity } from "./operations/lookup-developer-identity.js";
import { mergeDeveloperIdentities } from "./operations/merge-developer-identities.js";
import { unlinkDeveloperIdentity } from "./operations/unlink-developer-identity.js";
import { unlinkIdentity } from "./operations/unlink-identity.js";

/** The identity operations (issue #4): the public token exchanges and identity administration. */
export function identityFlowOperations(deps: FlowDeps): Operation[] {
  return [
    getId(deps),
    getCredentialsForIdentity(deps),
    getOpenIdToken(deps),
    unlinkIdentity(deps),
    listIdentities(deps),
    describeIdentity(deps),
    deleteIdentities(deps),
    getOpenIdTokenForDeveloperIdentity(deps),
    lookupDeveloperIdentity(deps),
    mergeDeveloperIdentities(deps),
    unlinkDeveloperIdentity(deps),
  ];
}
