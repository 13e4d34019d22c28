import { defineOperation, type Operation, required, struct } from "../../protocol/index.js";
import type { IamDeps } from "../deps.js";
import { arnShape } from "../shapes.js";

/**
 * Idempotent, as the IAM API reference documents it (reference §7.2): deleting a provider that
 * does not exist, or no longer does, succeeds. Tools that read NoSuchEntity as "already gone"
 * (Terraform) see the same end state.
 */
export function deleteOpenIdConnectProvider(deps: IamDeps): Operation {
  return defineOperation({
    service: "iam",
    name: "DeleteOpenIDConnectProvider",
    auth: "root",
    input: struct({ OpenIDConnectProviderArn: required(arnShape) }),
    async handle(input) {
      await deps.store.oidcProviders.delete(input.OpenIDConnectProviderArn);
      return undefined;
    },
  });
}
