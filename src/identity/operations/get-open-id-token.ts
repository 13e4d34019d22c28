import { serviceError } from "../../errors/index.js";
import { defineOperation, type Operation, required, struct } from "../../protocol/index.js";
import { openIdTokenFor } from "../credentials/credentials.js";
import type { IdentityDeps } from "../deps.js";
import { authorizeIdentity } from "../identities/authorize-identity.js";
import { identityId, loginsMap } from "../shapes.js";

interface GetOpenIdTokenInput {
  readonly IdentityId: string;
  readonly Logins?: Readonly<Record<string, string>>;
}

/** GetOpenIdToken (reference §3.5, §5; issue #4 item 3): the basic flow's first half. */
export function getOpenIdToken(deps: IdentityDeps): Operation {
  return defineOperation<GetOpenIdTokenInput>({
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
      return { IdentityId: who.identityId, Token: await openIdTokenFor(deps, who.pool, who.identityId, who.login) };
    },
  });
}
