import { type TestProviderSpec, TestProviders } from "../dev/index.js";
import type { PrefixRoute } from "../server/index.js";
import type { Clock, IdSource, Logger } from "../shared/index.js";
import type { Store } from "../store/index.js";
import { EXAMPLE_PREFIX, exampleRoute } from "./dev-example.js";

/** What `idpool dev` adds to the service (CONTRACT.md, `idpool dev`); `serve` passes none of it. */
export interface DevAppOptions {
  /** The built-in test providers, under `/dev/idp/<name>/`; else the setup file's, else `dev`. */
  readonly providers?: readonly TestProviderSpec[];
}

export interface DevStack {
  readonly providers: TestProviders;
  /** The only http:// provider URLs IAM and the verifier accept without --allow-http-providers. */
  readonly httpProviderUrls: () => readonly string[];
  readonly prefixRoutes: ReadonlyMap<string, PrefixRoute>;
}

/**
 * The test providers, their routes and the http:// allowance for exactly their issuers. Every other
 * rule applies to their tokens as to any provider's: idpool fetches their keys over HTTP from its
 * own port and checks issuer, signature, audience and times as for any registered provider.
 */
export async function startDevStack(
  specs: readonly TestProviderSpec[],
  deps: { store: Store; clock: Clock; ids: IdSource; log: Logger; baseUrl: () => string },
): Promise<DevStack> {
  const providers = new TestProviders(deps, specs);
  await providers.start();
  return {
    providers,
    httpProviderUrls: () => providers.names().map((name) => providers.issuer(name)),
    prefixRoutes: new Map<string, PrefixRoute>([
      ["/dev/idp/", (req) => providers.handle(req)],
      // The browser example (examples/browser/), which signs in with these providers.
      [EXAMPLE_PREFIX, exampleRoute()],
    ]),
  };
}
