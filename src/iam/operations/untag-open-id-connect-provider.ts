import { defineOperation, type Operation, required, struct } from "../../protocol/index.js";
import type { IamDeps } from "../deps.js";
import { updateProvider } from "../oidc-providers/provider-store.js";
import { arnShape, tagKeyListShape } from "../shapes.js";
import { removeTags } from "../tags.js";

export function untagOpenIdConnectProvider(deps: IamDeps): Operation {
  return defineOperation({
    service: "iam",
    name: "UntagOpenIDConnectProvider",
    auth: "root",
    input: struct({ OpenIDConnectProviderArn: required(arnShape), TagKeys: required(tagKeyListShape) }),
    async handle(input) {
      await updateProvider(deps.store, input.OpenIDConnectProviderArn, (p) => ({
        ...p,
        tags: removeTags(p.tags, input.TagKeys),
      }));
      return undefined;
    },
  });
}
