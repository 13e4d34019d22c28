import { type FilePath, formatPath } from "./field-path.js";
import { type PoolSpec, type ProviderSpec, type RoleSpec, SETUP_TAG_KEY, type SetupFile } from "./file-schema.js";
import { FieldError } from "./located-call.js";
import type { PoolState, ProviderState, RoleState, State } from "./read-state.js";

/** One file entry, what it should be (tags in full) and what idpool holds now. */
export interface Entry<S, C> {
  readonly at: FilePath;
  readonly desired: S;
  readonly current: C | undefined;
}

export interface Plan {
  readonly providers: readonly Entry<ProviderSpec, ProviderState>[];
  readonly roles: readonly Entry<RoleSpec, RoleState>[];
  readonly pools: readonly Entry<PoolSpec, PoolState>[];
  /** What this file created earlier and no longer lists: deleted last, pools first. */
  readonly deletions: { readonly pools: PoolState[]; readonly roles: RoleState[]; readonly providers: ProviderState[] };
}

export const ownerOf = (spec: { readonly tags?: Readonly<Record<string, string>> }): string | undefined =>
  spec.tags?.[SETUP_TAG_KEY];

/**
 * The tags a resource should have: the file's, plus `idpool:setup` on what the file creates. A
 * resource that already exists keeps the mark it has, and gets none: one the file did not create
 * is never the file's to delete.
 */
function withOwner<S extends { readonly tags?: Readonly<Record<string, string>> }>(
  spec: S,
  current: { readonly spec: S } | undefined,
  owner: string,
): S {
  const mark = current ? ownerOf(current.spec) : owner;
  return { ...spec, tags: { ...spec.tags, ...(mark === undefined ? {} : { [SETUP_TAG_KEY]: mark }) } };
}

const urlKey = (url: string): string => url.replace(/^https?:\/\//, "");

/** A pool with a pinned id is that pool; one without is found by name, this file's own first. */
function findPool(state: State, pool: PoolSpec, owner: string, at: FilePath): PoolState | undefined {
  if (pool.id !== undefined) return state.pools.find((p) => p.spec.id === pool.id);
  const named = state.pools.filter((p) => p.spec.name === pool.name);
  const candidates = named.length > 1 ? named.filter((p) => ownerOf(p.spec) === owner) : named;
  if (candidates.length > 1 || (named.length > 1 && candidates.length === 0)) {
    const ids = named.map((p) => p.spec.id).join(", ");
    throw new FieldError(
      [...at, "name"],
      "AmbiguousPool",
      `several identity pools are named ${pool.name} (${ids}); pin one with \`id\``,
    );
  }
  return candidates[0];
}

/** Matches the file's entries with what idpool holds; refuses, before any write, what cannot be applied. */
export function planSetup(setup: SetupFile, state: State, owner: string): Plan {
  const providers = (setup.openIdConnectProviders ?? []).map((p, i) => {
    const current = state.providers.find((c) => urlKey(c.spec.url) === urlKey(p.url));
    return { at: ["openIdConnectProviders", i], desired: withOwner(p, current, owner), current };
  });
  const roles = (setup.roles ?? []).map((r, i) => {
    const current = state.roles.find((c) => c.spec.name.toLowerCase() === r.name.toLowerCase());
    const at: FilePath = ["roles", i];
    // IAM has no operation that changes a role's path (API_UpdateRole).
    if (current && (r.path ?? "/") !== (current.spec.path ?? "/")) {
      throw new FieldError(
        [...at, "path"],
        "InvalidInput",
        `role ${current.spec.name} has the path ${current.spec.path ?? "/"}; IAM cannot move a role to another path`,
      );
    }
    return { at, desired: withOwner(r, current, owner), current };
  });
  const pools = (setup.identityPools ?? []).map((p, i) => {
    const at: FilePath = ["identityPools", i];
    const current = findPool(state, p, owner, at);
    const claimed = (setup.identityPools ?? []).findIndex(
      (q, j) => j < i && findPool(state, q, owner, ["identityPools", j]) === current,
    );
    if (current && claimed >= 0) {
      throw new FieldError(
        at,
        "AmbiguousPool",
        `names the same identity pool as ${formatPath(["identityPools", claimed])}`,
      );
    }
    return { at, desired: withOwner(p, current, owner), current };
  });
  const mine = <T extends { readonly spec: { readonly tags?: Readonly<Record<string, string>> } }>(
    all: readonly T[],
    kept: readonly Entry<unknown, T>[],
  ): T[] => all.filter((c) => ownerOf(c.spec) === owner && !kept.some((e) => e.current === c));
  return {
    providers,
    roles,
    pools,
    deletions: {
      pools: mine(state.pools, pools),
      roles: mine(state.roles, roles),
      providers: mine(state.providers, providers),
    },
  };
}
