import { defineOperation, type Operation, required, struct } from "../../protocol/index.js";
import type { IamDeps } from "../deps.js";
import { checkClientIds } from "../oidc-providers/lists.js";
import { updateProvider } from "../oidc-providers/provider-store.js";
import { arnShape, clientIdShape } from "../shapes.js";

/** Idempotent: adding a client id already registered changes nothing (IAM API reference). */
export function addClientIdToOpenIdConnectProvider(deps: IamDeps): Operation {
  return defineOperation({
    service: "iam",
    name: "AddClientIDToOpenIDConnectProvider",
    auth: "root",
    input: struct({ OpenIDConnectProviderArn: required(arnShape), ClientID: required(clientIdShape) }),
    async handle(input) {
      await updateProvider(deps.store, input.OpenIDConnectProviderArn, (p) => ({
        ...p,
        clientIds: checkClientIds([...p.clientIds, input.ClientID]),
      }));
      return undefined;
    },
  });
}
