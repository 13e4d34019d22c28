import { PROVIDER_CLAIMS } from "./claims.js";

/** A test OpenID provider of `idpool dev`: its path name, the client ids it serves and its predefined users. */
export interface TestProviderSpec {
  readonly name: string;
  readonly clientIds: readonly string[];
  readonly users: readonly { readonly sub: string; readonly claims?: Readonly<Record<string, unknown>> }[];
}

/** `idpool dev`'s provider when none is configured; example.com addresses (RFC 2606) never reach anyone. */
export const DEFAULT_TEST_PROVIDER: TestProviderSpec = Object.freeze({
  name: "dev",
  clientIds: Object.freeze(["dev-client"]),
  users: Object.freeze([
    Object.freeze({ sub: "alice", claims: Object.freeze({ email: "alice@example.com", email_verified: true }) }),
    Object.freeze({ sub: "bob", claims: Object.freeze({ email: "bob@example.com", email_verified: true }) }),
  ]),
});

/**
 * A provider name is one path segment of its issuer (`/dev/idp/<name>`), so it is limited to URL
 * unreserved characters (RFC 3986 §2.3) and never needs percent-encoding.
 */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._~-]{0,62}$/;

/** Why `name` cannot name a provider, or undefined when it can. */
export function providerNameProblem(name: string): string | undefined {
  if (NAME.test(name)) return undefined;
  return "a provider name is 1 to 63 letters, digits, '.', '_', '~' or '-', starting with a letter or digit";
}

/** Specs come from code or configuration: a mistake throws at start-up (DESIGN.md, "Errors"). */
export function checkSpecs(specs: readonly TestProviderSpec[]): void {
  const seen = new Set<string>();
  for (const spec of specs) {
    const problem = providerNameProblem(spec.name);
    if (problem) throw new Error(`test provider ${JSON.stringify(spec.name)}: ${problem}`);
    if (seen.has(spec.name)) throw new Error(`test provider ${JSON.stringify(spec.name)} is defined twice`);
    seen.add(spec.name);
    if (spec.clientIds.length === 0 || spec.clientIds.some((c) => c === "")) {
      throw new Error(`test provider ${JSON.stringify(spec.name)} needs at least one non-empty client id`);
    }
    const subs = new Set(spec.users.map((u) => u.sub));
    if (subs.size !== spec.users.length || subs.has("")) {
      throw new Error(`test provider ${JSON.stringify(spec.name)}: user subs must be non-empty and distinct`);
    }
    for (const user of spec.users) {
      const clash = PROVIDER_CLAIMS.find((c) => user.claims !== undefined && Object.hasOwn(user.claims, c));
      if (clash) throw new Error(`test provider ${JSON.stringify(spec.name)}: user ${user.sub} may not set ${clash}`);
    }
  }
}
