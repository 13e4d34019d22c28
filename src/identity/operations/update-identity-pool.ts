import { serviceError } from "../../errors/index.js";
import { defineOperation, type Operation } from "../../protocol/index.js";
import type { IdentityPoolRecord } from "../../store/index.js";
import type { AdminDeps } from "../deps.js";
import { principalTagProviderNames } from "../logins/kinds.js";
import { changePool, loadPool } from "../pools/pool-access.js";
import { checkPoolConfig, type PoolConfig } from "../pools/pool-config.js";
import { poolToWire } from "../pools/pool-wire.js";
import { keepConfiguredMappings } from "../pools/role-mappings.js";
import { identityPool } from "../shapes.js";

/**
 * The pool after an update (reference §2.4 UpdateIdentityPool):
 * - omitted optional members are reset to their defaults (checkPoolConfig supplies them);
 * - an omitted DeveloperProviderName keeps the one set (terraform PR #49985), and a set one
 *   cannot change (model documentation);
 * - IdentityPoolTags, when given, replace the tags; omitted, they are kept [I], since tools such
 *   as terraform manage tags through TagResource and send Update without them;
 * - role mappings and principal-tag maps of providers no longer configured are dropped [I], so
 *   every mapping names a configured provider, as SetIdentityPoolRoles requires.
 */
export function updatedPool(
  current: IdentityPoolRecord,
  config: PoolConfig,
  tags: Readonly<Record<string, string>> | undefined,
): IdentityPoolRecord {
  const developerProviderName = config.developerProviderName ?? current.developerProviderName;
  if (current.developerProviderName !== undefined && developerProviderName !== current.developerProviderName) {
    throw serviceError(
      "InvalidParameter",
      `DeveloperProviderName cannot be changed once set; it is '${current.developerProviderName}'.`,
    );
  }
  const next: IdentityPoolRecord = { ...current, ...config, developerProviderName, tags: tags ?? current.tags };
  const tagProviders = principalTagProviderNames(next);
  return {
    ...next,
    roleMappings: keepConfiguredMappings(next),
    principalTagMaps: Object.fromEntries(
      Object.entries(next.principalTagMaps).filter(([name]) => tagProviders.has(name)),
    ),
  };
}

/** UpdateIdentityPool (reference §2.3, §2.4): the input is the whole IdentityPool structure. */
export function updateIdentityPool(deps: AdminDeps): Operation {
  return defineOperation({
    service: "cognito-identity",
    name: "UpdateIdentityPool",
    auth: "root",
    input: identityPool,
    async handle(input) {
      // An unknown pool is reported before anything about the new configuration.
      await loadPool(deps.store.pools, input.IdentityPoolId);
      const config = await checkPoolConfig(deps, input);
      const pool = await changePool(deps.store.pools, input.IdentityPoolId, (current) =>
        updatedPool(current, config, input.IdentityPoolTags),
      );
      return poolToWire(pool);
    },
  });
}
