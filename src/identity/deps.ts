import type { PublicProviderUrls } from "../config/index.js";
import type { OidcVerifier } from "../oidc/index.js";
import type { Clock, EventSink, IdSource } from "../shared/index.js";
import type { Store } from "../store/index.js";
import type { RevocationList, RoleAssumer } from "../sts/index.js";
import type { OpenIdTokenIssuer } from "../tokens/index.js";

/** What the Cognito Identity operations need from the composition root (src/app). */
export interface IdentityDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly region: string;
  readonly accountId: string;
  readonly verifier: OidcVerifier;
  readonly tokens: OpenIdTokenIssuer;
  readonly assumer: RoleAssumer;
  readonly publicProviders: PublicProviderUrls;
  /** What happened, for metrics and the audit trail (DESIGN.md: an event sink). */
  readonly events: EventSink;
  /** Revoked identities and pools (IdpoolService.RevokeSessions). */
  readonly revocations: RevocationList;
}

// Each piece of domain code takes only what it uses, so a test builds no more than that.

/** Pool administration: records and ARNs, no tokens. */
export type AdminDeps = Pick<IdentityDeps, "store" | "clock" | "ids" | "region" | "accountId" | "events">;

/** Creating, linking and merging identities (identities/link-logins.ts). */
export type LinkDeps = Pick<IdentityDeps, "store" | "clock" | "ids" | "region" | "events">;

/** Verifying the tokens of a logins map (logins/). */
export type LoginDeps = Pick<IdentityDeps, "store" | "clock" | "verifier" | "tokens" | "publicProviders" | "events">;

/** Credentials and OpenID tokens for an identity (credentials/). */
export type CredentialDeps = Pick<IdentityDeps, "assumer" | "tokens" | "region" | "accountId" | "events" | "clock">;
