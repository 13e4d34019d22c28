import { serviceError } from "../../errors/index.js";
import { defineOperation, type Operation, required, str, struct } from "../../protocol/index.js";
import { regionalId } from "../../shared/index.js";
import type { FlowDeps } from "../flows/flow-deps.js";
import { linkLogins, soleOwner } from "../flows/link-logins.js";
import { verifyLogins } from "../flows/verify-logins.js";
import { developerIdentityOf } from "../logins/developer-identity.js";
import { loadPool } from "../pool-access.js";
import { identityPoolId } from "../shapes.js";
import { loginsMap, MAX_LOGINS_PER_CALL } from "./login-shapes.js";

interface GetIdInput {
  readonly IdentityPoolId: string;
  readonly AccountId?: string;
  readonly Logins?: Readonly<Record<string, string>>;
}

/**
 * GetId (reference §3.2; issue #4 item 1). A known login costs one read of the store and no write;
 * anything new goes through linkLogins, where the database decides races.
 */
export function getId(deps: FlowDeps): Operation {
  return defineOperation<GetIdInput>({
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
      if (Object.keys(logins).length > MAX_LOGINS_PER_CALL) {
        throw serviceError("CognitoLimitExceeded", `A request can carry at most ${MAX_LOGINS_PER_CALL} logins.`);
      }
      if (Object.keys(logins).length === 0) {
        if (!pool.allowUnauthenticated) {
          throw serviceError("NotAuthorized", "Unauthenticated access is not supported for this identity pool.");
        }
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
        return { IdentityId: identityId };
      }
      const verified = await verifyLogins(deps, pool, logins, ctx.log);
      const developer = await developerIdentityOf(deps, pool, verified);
      const external = verified.filter((v) => v.kind !== "cognito");
      const keys = external.map((v) => ({ provider: v.provider, subject: v.subject }));
      if (developer !== undefined) {
        if (keys.length === 0) return { IdentityId: developer };
        const plan = { poolId: pool.poolId, logins: keys, anchorId: developer, survivor: "anchor" as const };
        return { IdentityId: await linkLogins(deps, plan) };
      }
      const known = soleOwner(await deps.store.logins.findByLogins(pool.poolId, keys), keys);
      if (known !== undefined) return { IdentityId: known };
      return { IdentityId: await linkLogins(deps, { poolId: pool.poolId, logins: keys, survivor: "oldest" }) };
    },
  });
}
