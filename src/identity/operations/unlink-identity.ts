import { serviceError } from "../../errors/index.js";
import { defineOperation, list, type Operation, required, struct } from "../../protocol/index.js";
import type { IdentityDeps } from "../deps.js";
import { identityForbidden, identityNotFound, loginsDontMatch } from "../errors.js";
import { verifyLogins } from "../logins/verify-logins.js";
import { identityId, identityProviderName, loginsMap } from "../shapes.js";

/**
 * UnlinkIdentity (reference §2.4): the caller proves ownership with valid tokens of logins linked
 * to the identity, then names providers to remove. Removed logins are new the next time they are
 * seen; removing the last one leaves the identity unreachable.
 */
export function unlinkIdentity(deps: IdentityDeps): Operation {
  return defineOperation({
    service: "cognito-identity",
    name: "UnlinkIdentity",
    auth: "none",
    input: struct({
      IdentityId: required(identityId),
      Logins: required(loginsMap),
      LoginsToRemove: required(list(identityProviderName)),
    }),
    async handle(input, ctx) {
      const found = await deps.store.identities.getWithLogins(input.IdentityId);
      if (!found) throw identityNotFound(input.IdentityId);
      if (found.identity.disabledAtMs !== undefined) throw identityForbidden(input.IdentityId);
      const pool = await deps.store.pools.get(found.identity.poolId);
      if (!pool) throw identityNotFound(input.IdentityId);
      const verified = await verifyLogins(deps, pool, input.Logins, ctx.log, "prove");
      const proves = verified.some((v) =>
        found.logins.some((l) => l.provider === v.provider && l.subject === v.subject),
      );
      if (!proves) {
        throw loginsDontMatch();
      }
      const linkedProviders = new Set(found.logins.map((l) => l.provider));
      const unknown = input.LoginsToRemove.find((p) => !linkedProviders.has(p));
      if (unknown !== undefined) {
        throw serviceError("ResourceConflict", `The identity has no login of provider ${unknown} to remove.`);
      }
      const remaining = found.logins.filter((l) => !input.LoginsToRemove.includes(l.provider)).length;
      await deps.store.transaction(async (tx) => {
        await tx.logins.remove(input.IdentityId, input.LoginsToRemove);
        // Without logins the identity would pass for a guest; AWS makes it inaccessible instead.
        if (remaining === 0) await tx.identities.disable(input.IdentityId, deps.clock.nowMs());
        else await tx.identities.touch(input.IdentityId, deps.clock.nowMs());
      });
      return undefined;
    },
  });
}
