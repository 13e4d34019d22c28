import { stringify } from "yaml";
import type { ApiCaller } from "./api-caller.js";
import { canonicalPool, canonicalProvider, canonicalRole } from "./canonical.js";
import { SETUP_TAG_KEY } from "./file-schema.js";
import { locatedCall } from "./located-call.js";
import { readState } from "./read-state.js";

export type SetupFormat = "yaml" | "json";

/** Export leaves out the mark of what a setup file created: it is idpool's, not the file's. */
function withoutMark<S extends { readonly tags?: Readonly<Record<string, string>> }>(spec: S): S {
  const tags = Object.fromEntries(Object.entries(spec.tags ?? {}).filter(([k]) => k !== SETUP_TAG_KEY));
  return { ...spec, tags };
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The current providers, roles and identity pools as a setup file, in the canonical form (defaults
 * left out, entries and map keys sorted), so the text depends only on the state: export, apply to
 * an empty store, export again gives the same text. Pools carry their `id`, which trust policies
 * name. Test providers belong to `idpool dev` and are not exported.
 */
export async function exportSetup(caller: ApiCaller, format: SetupFormat = "yaml"): Promise<string> {
  const state = await readState(locatedCall(caller));
  const providers = state.providers
    .map((p) => canonicalProvider(withoutMark(p.spec)))
    .sort((a, b) => byText(a.url, b.url));
  const roles = state.roles
    .map((r) => canonicalRole(withoutMark(r.spec)))
    .sort((a, b) => byText(a.name.toLowerCase(), b.name.toLowerCase()));
  const pools = state.pools
    .map((p) => canonicalPool(withoutMark(p.spec)))
    .sort((a, b) => byText(a.name, b.name) || byText(a.id ?? "", b.id ?? ""));
  const file = {
    ...(providers.length > 0 ? { openIdConnectProviders: providers } : {}),
    ...(roles.length > 0 ? { roles } : {}),
    ...(pools.length > 0 ? { identityPools: pools } : {}),
  };
  // lineWidth 0: long values (ARNs, policy conditions) stay on one line, never folded. compat: values
  // that YAML 1.1 readers would take for dates, numbers or booleans (`2012-10-17`, `yes`) are quoted.
  return format === "json"
    ? `${JSON.stringify(file, null, 2)}\n`
    : stringify(file, { lineWidth: 0, compat: "yaml-1.1" });
}
