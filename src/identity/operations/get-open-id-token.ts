import { serviceError } from "../../errors/index.js";
import { defineOperation, type Operation, required, struct } from "../../protocol/index.js";
import { openIdTokenFor } from "../credentials/credentials.js";
import type { IdentityDeps } from "../deps.js";
import { authorizeIdentity } from "../identities/authorize-identity.js";
import { identityId, loginsMap } from "../shapes.js";

/** GetOpenIdToken (reference §3.5, §5): the basic flow's first half. */
export function getOpenIdToken(deps: IdentityDeps): Operation {
  return defineOperation({
    service: "cognito-identity",
    name: "GetOpenIdToken",
    auth: "none",
    input: struct({ IdentityId: required(identityId), Logins: loginsMap }),
    async handle(input, ctx) {
      const who = await authorizeIdentity(deps, input.IdentityId, input.Logins ?? {}, ctx.log, (pool) => {
        if (!pool.allowClassicFlow) {
          throw serviceError("InvalidParameter", "Basic (classic) flow is not enabled, please use enhanced flow.");
        }
      });
      return {
        IdentityId: who.identityId,
        Token: await openIdTokenFor(deps, who.pool, who.identityId, who.login, Object.keys(input.Logins ?? {})),
      };
    },
  });
}
