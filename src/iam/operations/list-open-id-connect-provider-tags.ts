import { defineOperation, type Operation, required, struct } from "../../protocol/index.js";
import type { IamDeps } from "../deps.js";
import { loadProvider } from "../oidc-providers/provider-store.js";
import { paginate } from "../pagination.js";
import { arnShape, pageMembers } from "../shapes.js";
import { tagsToWire } from "../tags.js";

export function listOpenIdConnectProviderTags(deps: IamDeps): Operation {
  return defineOperation({
    service: "iam",
    name: "ListOpenIDConnectProviderTags",
    auth: "root",
    input: struct({ OpenIDConnectProviderArn: required(arnShape), ...pageMembers }),
    async handle(input) {
      const provider = await loadProvider(deps.store, input.OpenIDConnectProviderArn);
      const page = paginate(tagsToWire(provider.tags), input);
      return { Tags: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker };
    },
  });
}
