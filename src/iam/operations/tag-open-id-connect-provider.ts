import { defineOperation, type Operation, required, struct } from "../../protocol/index.js";
import type { IamDeps } from "../deps.js";
import { updateProvider } from "../oidc-providers/provider-store.js";
import { arnShape, tagListShape } from "../shapes.js";
import { mergeTags, tagsFromWire } from "../tags.js";

/** Adds tags, overwriting the values of keys already present. */
export function tagOpenIdConnectProvider(deps: IamDeps): Operation {
  return defineOperation({
    service: "iam",
    name: "TagOpenIDConnectProvider",
    auth: "root",
    input: struct({ OpenIDConnectProviderArn: required(arnShape), Tags: required(tagListShape) }),
    async handle(input) {
      const added = tagsFromWire(input.Tags);
      await updateProvider(deps.store, input.OpenIDConnectProviderArn, (p) => ({
        ...p,
        tags: mergeTags(p.tags, added, "TagsPerOpenIdConnectProvider"),
      }));
      return undefined;
    },
  });
}
