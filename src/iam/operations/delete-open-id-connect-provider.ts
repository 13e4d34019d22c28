import { defineOperation, type Operation, required, struct } from "../../protocol/index.js";
import type { IamDeps } from "../deps.js";
import { providerNotFound } from "../oidc-providers/provider-store.js";
import { arnShape } from "../shapes.js";

interface Input {
  readonly OpenIDConnectProviderArn: string;
}

/**
 * Deleting an unknown provider answers NoSuchEntity. The API reference calls the operation
 * idempotent, but observed IAM answers NoSuchEntity on a second delete (reference §7.2, §10), and
 * tools such as Terraform expect that and treat it as "already gone".
 */
export function deleteOpenIdConnectProvider(deps: IamDeps): Operation {
  return defineOperation<Input>({
    service: "iam",
    name: "DeleteOpenIDConnectProvider",
    auth: "root",
    input: struct({ OpenIDConnectProviderArn: required(arnShape) }),
    async handle(input) {
      const deleted = await deps.store.oidcProviders.delete(input.OpenIDConnectProviderArn);
      if (!deleted) throw providerNotFound(input.OpenIDConnectProviderArn);
      return undefined;
    },
  });
}
