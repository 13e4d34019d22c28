import type { Clock, Logger } from "../shared/index.js";
import type { Grants } from "./grants.js";
import type { KeyRing } from "./key-ring.js";
import type { MintRequest } from "./mint-request.js";
import type { TestProviderSpec } from "./spec.js";

/** What every route of one provider works with. */
export interface ProviderContext {
  readonly spec: TestProviderSpec;
  /** `${baseUrl()}/dev/idp/<name>`, read per request (the port is known once listening). */
  readonly issuer: string;
  /** The path prefix of the provider's routes, for links and form actions that stay on this origin. */
  readonly basePath: string;
  readonly ring: KeyRing;
  readonly grants: Grants;
  readonly clock: Clock;
  readonly log: Logger;
  /** The predefined claims of user `sub` (none for a user typed in). */
  userClaims(sub: string): Readonly<Record<string, unknown>>;
  issueIdToken(request: MintRequest & { readonly nonce?: string | undefined }): Promise<string>;
}
