import { defineOperation, type Operation, required, str, struct } from "../../protocol/index.js";
import { regionalId } from "../../shared/index.js";
import type { IdentityDeps } from "../deps.js";
import { unauthenticatedNotSupported } from "../errors.js";
import { linkLogins, soleOwner } from "../identities/link-logins.js";
import { verifyLogins } from "../logins/verify-logins.js";
import { loadPool } from "../pools/pool-access.js";
import { identityPoolId, loginsMap } from "../shapes.js";

/**
 * GetId (reference §3.2). A known login costs one read of the store and no write; anything new
 * goes through linkLogins, where the database decides races. Cognito's own tokens name an identity
 * instead of finding one, so they are refused here (§3.2 step 4) and belong in
 * GetCredentialsForIdentity.
 */
export function getId(deps: IdentityDeps): Operation {
  return defineOperation({
    service: "cognito-identity",
    name: "GetId",
    auth: "none",
    input: struct({
      IdentityPoolId: required(identityPoolId),
      // Legacy and ignored (reference §3.2 step 5), but still checked against the model.
      AccountId: str({ min: 1, max: 15, pattern: "\\d+" }),
      Logins: loginsMap,
    }),
    async handle(input, ctx) {
      const pool = await loadPool(deps.store.pools, input.IdentityPoolId);
      const logins = input.Logins ?? {};
      if (Object.keys(logins).length === 0) {
        if (!pool.allowUnauthenticated) throw unauthenticatedNotSupported();
        // A new guest on every call; clients are expected to cache it (reference §3.2 step 2).
        const identityId = regionalId(deps.region, deps.ids);
        const now = deps.clock.nowMs();
        await deps.store.identities.create({
          identityId,
          poolId: pool.poolId,
          createdAtMs: now,
          modifiedAtMs: now,
          mergedInto: undefined,
          disabledAtMs: undefined,
        });
        deps.events.emit({ type: "identity_created", poolId: pool.poolId, identityId });
        return { IdentityId: identityId };
      }
      const verified = await verifyLogins(deps, pool, logins, ctx.log, "find");
      const keys = verified.map((v) => ({ provider: v.provider, subject: v.subject }));
      const known = soleOwner(await deps.store.logins.findByLogins(pool.poolId, keys), keys);
      if (known !== undefined) return { IdentityId: known };
      return { IdentityId: await linkLogins(deps, { poolId: pool.poolId, logins: keys, survivor: "oldest" }) };
    },
  });
}
