import type { Clock, IdSource } from "../shared/index.js";
import type { Store } from "../store/index.js";

/** What the Cognito Identity operations need from the composition root (src/app). */
export interface IdentityDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly region: string;
  readonly accountId: string;
}
