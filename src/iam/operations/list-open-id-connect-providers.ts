import { defineOperation, type Operation, struct } from "../../protocol/index.js";
import type { IamDeps } from "../deps.js";

/** ARNs only, unpaged: the model has no paging members and an account holds at most 100. */
export function listOpenIdConnectProviders(deps: IamDeps): Operation {
  return defineOperation({
    service: "iam",
    name: "ListOpenIDConnectProviders",
    auth: "root",
    input: struct({}),
    async handle() {
      const providers = await deps.store.oidcProviders.list();
      return { OpenIDConnectProviderList: providers.map((p) => ({ Arn: p.arn })) };
    },
  });
}
