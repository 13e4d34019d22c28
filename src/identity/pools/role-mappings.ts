import { serviceError } from "../../errors/index.js";
import type { IdentityPoolRecord, RoleMappingRecord, Store } from "../../store/index.js";
import { roleMappingProviderKeys } from "../logins/kinds.js";
import type { RoleMappingWire } from "../shapes.js";
import { roleMappingFromWire } from "./pool-wire.js";
import { assertRoleUsable } from "./role-access.js";

/** Service caps beyond the model (reference §2.1 MappingRulesList, §8). */
export const MAX_RULES_PER_PROVIDER = 25;

export interface RoleCheckDeps {
  readonly store: Store;
  readonly accountId: string;
}

/** Roles values must be usable role ARNs; keys are already limited to (un)authenticated by the model. */
export async function checkRoles(deps: RoleCheckDeps, roles: Readonly<Record<string, string>>): Promise<void> {
  for (const arn of Object.values(roles)) await assertRoleUsable(deps.store, deps.accountId, arn);
}

/** Structural rules of one mapping (reference §2.4): what the model cannot say. */
function checkMappingShape(key: string, mapping: RoleMappingWire): void {
  if (!mapping.AmbiguousRoleResolution) {
    throw serviceError(
      "InvalidParameter",
      `AmbiguousRoleResolution must be specified for the ${mapping.Type} role mapping of (${key}).`,
    );
  }
  if (mapping.Type !== "Rules") return;
  const rules = mapping.RulesConfiguration?.Rules;
  if (!rules) {
    throw serviceError(
      "InvalidParameter",
      `RulesConfiguration must be specified for the Rules role mapping of (${key}).`,
    );
  }
  if (rules.length > MAX_RULES_PER_PROVIDER) {
    throw serviceError(
      "InvalidParameter",
      `The role mapping of (${key}) has ${rules.length} rules; at most ${MAX_RULES_PER_PROVIDER} rules are allowed per provider.`,
    );
  }
}

/**
 * Checks RoleMappings against the pool they are set on and returns them as records. Order: every
 * key is configured, every mapping is well formed, then every rule's role is usable.
 */
export async function checkRoleMappings(
  deps: RoleCheckDeps,
  pool: IdentityPoolRecord,
  mappings: Readonly<Record<string, RoleMappingWire>>,
): Promise<Record<string, RoleMappingRecord>> {
  const configured = roleMappingProviderKeys(pool);
  const entries = Object.entries(mappings);
  for (const [key] of entries) {
    if (!configured.has(key)) {
      throw serviceError(
        "InvalidParameter",
        `(${key}) is not a valid RoleMapping ProviderName or is not a configured provider.`,
      );
    }
  }
  for (const [key, mapping] of entries) checkMappingShape(key, mapping);
  const out = Object.fromEntries(entries.map(([key, mapping]) => [key, roleMappingFromWire(mapping)]));
  for (const record of Object.values(out)) {
    for (const rule of record.rules ?? []) await assertRoleUsable(deps.store, deps.accountId, rule.roleArn);
  }
  return out;
}

/** Drops role mappings whose provider is no longer configured on `pool` (after UpdateIdentityPool). */
export function keepConfiguredMappings(pool: IdentityPoolRecord): Record<string, RoleMappingRecord> {
  const configured = roleMappingProviderKeys(pool);
  return Object.fromEntries(Object.entries(pool.roleMappings).filter(([key]) => configured.has(key)));
}
