import type { OidcVerifier } from "../oidc/index.js";
import type { Clock, EventSink, IdSource } from "../shared/index.js";
import type { Store } from "../store/index.js";
import type { OpenIdTokenIssuer } from "../tokens/index.js";
import type { Keyring } from "./credentials/keyring.js";
import type { RevocationList } from "./sessions/revocations.js";

/** What the STS operations and the role assumer need from the composition root (src/app). */
export interface StsDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly accountId: string;
  readonly keyring: Keyring;
  readonly verifier: OidcVerifier;
  readonly tokens: OpenIdTokenIssuer;
  /** What happened, for metrics and the audit trail (DESIGN.md: an event sink). */
  readonly events: EventSink;
  /** Revoked identities and pools, held in memory (README: Revocation). */
  readonly revocations: RevocationList;
}
