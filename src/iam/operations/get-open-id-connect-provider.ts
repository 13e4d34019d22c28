import { defineOperation, type Operation, required, struct } from "../../protocol/index.js";
import type { IamDeps } from "../deps.js";
import { loadProvider } from "../oidc-providers/provider-store.js";
import { loginsKeyOf } from "../oidc-providers/provider-url.js";
import { arnShape } from "../shapes.js";
import { optionalTags } from "../tags.js";

/**
 * `Url` comes back without its scheme, as IAM answers (reference §1.2). An `http://` provider
 * (development only, which AWS cannot have) keeps its scheme, so that nothing reading it back
 * (a setup export) mistakes it for an https one.
 */
export function getOpenIdConnectProvider(deps: IamDeps): Operation {
  return defineOperation({
    service: "iam",
    name: "GetOpenIDConnectProvider",
    auth: "root",
    input: struct({ OpenIDConnectProviderArn: required(arnShape) }),
    async handle(input) {
      const p = await loadProvider(deps.store, input.OpenIDConnectProviderArn);
      return {
        Url: p.url.startsWith("http://") ? p.url : loginsKeyOf(p.url),
        ClientIDList: p.clientIds,
        ThumbprintList: p.thumbprints,
        CreateDate: new Date(p.createdAtMs),
        Tags: optionalTags(p.tags),
      };
    },
  });
}
