import { defineOperation, type Operation, required, struct } from "../../protocol/index.js";
import type { IamDeps } from "../deps.js";
import { updateProvider } from "../oidc-providers/provider-store.js";
import { arnShape, clientIdShape } from "../shapes.js";

/** Idempotent: removing a client id that is not registered is not an error (IAM API reference). */
export function removeClientIdFromOpenIdConnectProvider(deps: IamDeps): Operation {
  return defineOperation({
    service: "iam",
    name: "RemoveClientIDFromOpenIDConnectProvider",
    auth: "root",
    input: struct({ OpenIDConnectProviderArn: required(arnShape), ClientID: required(clientIdShape) }),
    async handle(input) {
      await updateProvider(deps.store, input.OpenIDConnectProviderArn, (p) => ({
        ...p,
        clientIds: p.clientIds.filter((id) => id !== input.ClientID),
      }));
      return undefined;
    },
  });
}
