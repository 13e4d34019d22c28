import { textOf } from "./answer.js";
import { canonicalPool, same } from "./canonical.js";
import type { Outcome } from "./converge-tags.js";
import type { FilePath } from "./field-path.js";
import type { PoolSpec } from "./file-schema.js";
import type { Call, MemberOrigin } from "./located-call.js";
import { POOL_MEMBER_FIELDS, poolConfigInput, principalTagNames, roleMappingsInput } from "./pool-api.js";
import type { PoolState } from "./read-state.js";

const lowerFirst = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);

function poolMembers(at: FilePath, input: Record<string, unknown>): Record<string, MemberOrigin> {
  return Object.fromEntries(Object.keys(input).map((k) => [k, [...at, POOL_MEMBER_FIELDS[k] ?? lowerFirst(k)]]));
}

const CONFIG_FIELDS = [
  "name",
  "allowUnauthenticatedIdentities",
  "allowClassicFlow",
  "supportedLoginProviders",
  "openIdConnectProviderARNs",
  "cognitoIdentityProviders",
  "samlProviderARNs",
  "tags",
] as const;

function sameConfig(want: PoolSpec, have: PoolSpec): boolean {
  // An omitted DeveloperProviderName keeps the one set; a set one cannot change (UpdateIdentityPool).
  if (want.developerProviderName !== undefined && want.developerProviderName !== have.developerProviderName)
    return false;
  return CONFIG_FIELDS.every((f) => same(want[f], have[f]));
}

/** No map and a map of nothing give the same principal tags (none); "clearing" sets the latter. */
const NO_PRINCIPAL_TAGS = { useDefaults: false, principalTags: {} };

/**
 * Makes one identity pool what `desired` says (tags in full, `idpool:setup` included): Create
 * (with the pinned id through IdpoolService.CreateIdentityPoolWithId) or UpdateIdentityPool, then
 * SetIdentityPoolRoles and SetPrincipalTagAttributeMap per provider. UpdateIdentityPool drops the
 * role mappings and principal-tag maps of providers it removes, so after one they are set again.
 */
export async function convergePool(
  call: Call,
  desired: PoolSpec,
  current: PoolState | undefined,
  at: FilePath,
  created: (poolId: string) => void = () => {},
): Promise<{ readonly outcome: Outcome; readonly id: string }> {
  const want = canonicalPool(desired);
  const have = current ? canonicalPool(current.spec) : undefined;
  let id = current?.spec.id ?? desired.id ?? "";
  let changed = false;
  if (!have) {
    const input =
      desired.id === undefined ? poolConfigInput(desired) : { IdentityPoolId: id, ...poolConfigInput(desired) };
    const [service, operation] =
      desired.id === undefined
        ? (["cognito-identity", "CreateIdentityPool"] as const)
        : (["idpool", "CreateIdentityPoolWithId"] as const);
    const out = await call(service, operation, input, { at, members: poolMembers(at, input) });
    id = textOf(out.IdentityPoolId) ?? id;
    created(id);
    changed = true;
  } else if (!sameConfig(want, have)) {
    const input = { IdentityPoolId: id, ...poolConfigInput(desired) };
    await call("cognito-identity", "UpdateIdentityPool", input, { at, members: poolMembers(at, input) });
    changed = true;
  }
  const rolesChanged = !same(want.roles, have?.roles) || !same(want.roleMappings, have?.roleMappings);
  if (rolesChanged || (changed && (want.roles !== undefined || want.roleMappings !== undefined))) {
    const input = {
      IdentityPoolId: id,
      Roles: desired.roles ?? {},
      ...(want.roleMappings ? { RoleMappings: roleMappingsInput(desired.roleMappings) } : {}),
    };
    const members = { IdentityPoolId: [...at, "id"], Roles: [...at, "roles"], RoleMappings: [...at, "roleMappings"] };
    await call("cognito-identity", "SetIdentityPoolRoles", input, { at, members });
    changed = true;
  }
  const configured = new Set(principalTagNames(desired));
  const names = new Set([...Object.keys(want.principalTags ?? {}), ...Object.keys(have?.principalTags ?? {})]);
  for (const name of names) {
    const wanted = want.principalTags?.[name];
    const had = have?.principalTags?.[name];
    // After an update the service has dropped the maps of providers it removed, and kept the others.
    if (same(wanted, had) || (wanted === undefined && !configured.has(name))) continue;
    const map = desired.principalTags?.[name] ?? NO_PRINCIPAL_TAGS;
    const field = [...at, "principalTags", name];
    const input = {
      IdentityPoolId: id,
      IdentityProviderName: name,
      UseDefaults: map.useDefaults ?? false,
      PrincipalTags: map.principalTags ?? {},
    };
    const members = {
      IdentityProviderName: field,
      UseDefaults: [...field, "useDefaults"],
      PrincipalTags: [...field, "principalTags"],
    };
    await call("cognito-identity", "SetPrincipalTagAttributeMap", input, { at: field, members });
    changed = true;
  }
  return { outcome: !have ? "created" : changed ? "updated" : "unchanged", id };
}
