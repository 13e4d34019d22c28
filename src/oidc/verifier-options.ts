/** What the verifier is given and answers (verifier.ts): registrations, trust and limits, outcomes. */
import type { Clock, EventSink } from "../shared/index.js";
import type { VerifiedClaims } from "./claim-rules.js";
import type { CheckedHeader } from "./header-rules.js";
import type { FetchLimits } from "./https-fetch.js";
import type { KeyLog } from "./key-cache.js";
import type { KeyCacheLimits } from "./key-cache-limits.js";
import type { SharedSettings } from "./key-decisions.js";
import type { DiscontinuityMode } from "./key-watch.js";
import type { TokenRejection } from "./rejection.js";

/** An IAM OpenID Connect provider as registered (CreateOpenIDConnectProvider). */
export interface ProviderRegistration {
  /** `https://host[:port][/path]`, exactly as registered; also the discovery document's issuer. */
  url: string;
  clientIds: readonly string[];
  /** SHA-1 thumbprints, 40 hex digits, any case. Empty: trust the trust store instead. */
  thumbprints: readonly string[];
  /**
   * The `iss` values tokens may carry, for providers whose published issuer is not their key
   * location (Google and Apple when their base URL points at a stand-in; Google also omits the
   * scheme). Default: scheme + logins key, which must then name `url`.
   */
  issuers?: readonly string[];
}

/** Server-wide trust settings (CONTRACT.md: --extra-ca-file, --trust-public-ca, --allow-http-providers). */
export interface OidcTrustOptions {
  /** PEM text of extra CA certificates (the file's content, not its path). */
  extraCaPem?: string;
  trustPublicCa: boolean;
  /** Development only: http:// provider URLs, fetched without TLS (`serve` logs the warning). */
  allowHttpProviders: boolean;
  /** `idpool dev`: the built-in test providers' URLs, the only http:// ones allowed without the flag. */
  httpProviderUrls?: () => readonly string[];
  /** Allow-list; default RS256, RS384, RS512. May add PS* and ES*; never none or HS*. */
  algorithms?: readonly string[];
}

export interface OidcVerifierOptions {
  clock: Clock;
  trust: OidcTrustOptions;
  log: KeyLog;
  /** Per document fetch: deadline (default 5 s) and size cap (default 512 KiB). */
  fetch?: Partial<FetchLimits>;
  cache?: Partial<KeyCacheLimits>;
  maxTokenLength?: number;
  /** Receives `jwks_fetch` and `key_discontinuity` events. */
  events?: EventSink;
  /** The key-continuity watch (README: "Key-continuity watch", --on-key-discontinuity). Default warn. */
  onKeyDiscontinuity?: DiscontinuityMode;
  /** Where refused key sets and acceptances are shared between processes (the store's settings). */
  keyDecisions?: SharedSettings;
}

export type VerifyOutcome =
  | { ok: true; claims: VerifiedClaims; header: CheckedHeader; matchedClientId: string }
  | { ok: false; rejection: TokenRejection };

export const DEFAULT_FETCH_LIMITS: FetchLimits = { timeoutMs: 5_000, maxResponseBytes: 512 * 1024 };
