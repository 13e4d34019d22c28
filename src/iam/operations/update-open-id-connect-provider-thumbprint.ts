import { defineOperation, list, type Operation, required, struct } from "../../protocol/index.js";
import type { IamDeps } from "../deps.js";
import { checkThumbprints } from "../oidc-providers/lists.js";
import { updateProvider } from "../oidc-providers/provider-store.js";
import { arnShape, thumbprintShape } from "../shapes.js";

/** Replaces the whole list; an empty list switches the provider to trust-store validation. */
export function updateOpenIdConnectProviderThumbprint(deps: IamDeps): Operation {
  return defineOperation({
    service: "iam",
    name: "UpdateOpenIDConnectProviderThumbprint",
    auth: "root",
    input: struct({ OpenIDConnectProviderArn: required(arnShape), ThumbprintList: required(list(thumbprintShape)) }),
    async handle(input) {
      const thumbprints = checkThumbprints(input.ThumbprintList);
      await updateProvider(deps.store, input.OpenIDConnectProviderArn, (p) => ({ ...p, thumbprints }));
      return undefined;
    },
  });
}
