import type { Operation } from "../protocol/index.js";
import type { FlowDeps } from "./flows/flow-deps.js";
import { deleteIdentities } from "./operations/delete-identities.js";
import { describeIdentity } from "./operations/describe-identity.js";
import { getCredentialsForIdentity } from "./operations/get-credentials-for-identity.js";
import { getId } from "./operations/get-id.js";
import { getOpenIdToken } from "./operations/get-open-id-token.js";
import { listIdentities } from "./operations/list-identities.js";
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
  ];
}
