import { serviceError } from "../../errors/index.js";
import { defineOperation, int, type Operation, required, struct } from "../../protocol/index.js";
import { issueOpenIdToken } from "../credentials/credentials.js";
import type { IdentityDeps } from "../deps.js";
import { identityForbidden, identityNotFound } from "../errors.js";
import { linkLogins } from "../identities/link-logins.js";
import { developerAmr, developerLogin, loadDeveloperPool, unsupportedDeveloperProvider } from "../logins/developer.js";
import { verifyLogins } from "../logins/verify-logins.js";
import { identityId, identityPoolId, loginsMap, principalTags } from "../shapes.js";

/**
 * GetOpenIdTokenForDeveloperIdentity (reference §2.4, §5): the backend vouches for a
 * developer user; the identity is found, created or linked, and idpool signs a token for it.
 */
export function getOpenIdTokenForDeveloperIdentity(deps: IdentityDeps): Operation {
  return defineOperation({
    service: "cognito-identity",
    name: "GetOpenIdTokenForDeveloperIdentity",
    auth: "root",
    input: struct({
      IdentityPoolId: required(identityPoolId),
      IdentityId: identityId,
      Logins: required(loginsMap),
      PrincipalTags: principalTags,
      TokenDuration: int({ min: 1, max: 86400 }),
    }),
    async handle(input, ctx) {
      const { pool, provider } = await loadDeveloperPool(deps.store.pools, input.IdentityPoolId);
      const userIdentifier = input.Logins[provider];
      if (userIdentifier === undefined) throw unsupportedDeveloperProvider();
      const { [provider]: _developer, ...others } = input.Logins;
      const external = await verifyLogins(deps, pool, others, ctx.log, "find");
      const dev = developerLogin(provider, userIdentifier);
      const keys = [dev, ...external.map((l) => ({ provider: l.provider, subject: l.subject }))];
      let id: string;
      if (input.IdentityId !== undefined) {
        const identity = await deps.store.identities.get(input.IdentityId);
        if (!identity || identity.poolId !== pool.poolId) {
          throw identityNotFound(input.IdentityId);
        }
        if (identity.disabledAtMs !== undefined) {
          throw identityForbidden(input.IdentityId);
        }
        const owner = await deps.store.logins.findByLogin(pool.poolId, provider, userIdentifier);
        if (owner && owner.identityId !== input.IdentityId) {
          throw serviceError(
            "DeveloperUserAlreadyRegistered",
            `The developer user identifier is already registered with identity ${owner.identityId}.`,
          );
        }
        id = await linkLogins(deps, {
          poolId: pool.poolId,
          logins: keys,
          anchorId: input.IdentityId,
          survivor: "anchor",
        });
      } else {
        id = await linkLogins(deps, { poolId: pool.poolId, logins: keys, survivor: "oldest" });
      }
      const tags = input.PrincipalTags && Object.keys(input.PrincipalTags).length > 0 ? input.PrincipalTags : undefined;
      const token = await issueOpenIdToken(deps, pool, id, {
        amr: developerAmr(provider, pool.poolId, userIdentifier),
        tags,
        loginsKeys: Object.keys(input.Logins),
        ttlSeconds: input.TokenDuration ?? 900,
      });
      return { IdentityId: id, Token: token };
    },
  });
}
