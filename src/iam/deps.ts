import type { Clock, IdSource } from "../shared/index.js";
import type { Store } from "../store/index.js";

export interface IamDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly accountId: string;
  /** Development only: accept `http://` provider URLs (CONTRACT.md, `--allow-http-providers`). */
  readonly allowHttpProviders: boolean;
  /** `idpool dev`: the built-in test providers' URLs, registrable as http:// without the flag. */
  readonly httpProviderUrls?: () => readonly string[];
}
