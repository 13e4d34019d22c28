/**
 * The verifier: Cognito's rules for OpenID Connect ID tokens (reference §4.1) in jose's order:
 * shape and header, issuer, key, signature, then claims. Cheap checks that need no key come first,
 * so a token that cannot be valid for this provider never causes I/O.
 */
import { allowsHttpProvider, type Clock, type EventSink, NO_EVENTS, nowEpochSeconds } from "../shared/index.js";
import { checkAudience, checkIssuer, checkSubject, checkTimes, type VerifiedClaims } from "./claim-rules.js";
import { decodeUnverified, MAX_TOKEN_LENGTH } from "./decode.js";
import { fetchKeySet } from "./discovery.js";
import { allowedAlgorithms, type CheckedHeader, checkHeader } from "./header-rules.js";
import { type FetchLimits, fetchDocument } from "./https-fetch.js";
import { type KeyLog, type KeyOutcome, type KeyTarget, ProviderKeyCache } from "./key-cache.js";
import { DEFAULT_KEY_CACHE_LIMITS, type KeyCacheLimits } from "./key-cache-limits.js";
import { KeyDecisions, memorySettings, type SharedSettings } from "./key-decisions.js";
import { type AcceptOutcome, type DiscontinuityMode, KeyContinuityWatch } from "./key-watch.js";
import { reject, type TokenRejection } from "./rejection.js";
import { verifySignature } from "./signature.js";
import { createTrustStoreContext, normalizeThumbprints } from "./tls-trust.js";
import { VerifiedTokens } from "./verified-tokens.js";

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

/** `refused`: the provider answered 4xx (the token is bad); otherwise it could not be asked. */
export type InspectOutcome = { ok: true; json: unknown } | { ok: false; refused: boolean; detail: string };

export type VerifyOutcome =
  | { ok: true; claims: VerifiedClaims; header: CheckedHeader; matchedClientId: string }
  | { ok: false; rejection: TokenRejection };

export const DEFAULT_FETCH_LIMITS: FetchLimits = { timeoutMs: 5_000, maxResponseBytes: 512 * 1024 };

export class OidcVerifier {
  private readonly algorithms: ReadonlySet<string>;
  private readonly keys: ProviderKeyCache;
  private readonly maxTokenLength: number;
  private readonly verified = new VerifiedTokens();
  /**
   * Each registration's normalized key target, made once: the store's cache hands out the same
   * record. Kept with the url and thumbprints it was made from, so a registration object given
   * other ones (the type does not forbid it) gets a new target.
   */
  private readonly targets = new WeakMap<
    ProviderRegistration,
    { readonly url: string; readonly thumbprints: readonly string[]; readonly target: KeyTarget }
  >();
  private readonly context: ReturnType<typeof createTrustStoreContext>;

  constructor(private readonly opts: OidcVerifierOptions) {
    this.algorithms = allowedAlgorithms(opts.trust.algorithms);
    this.maxTokenLength = opts.maxTokenLength ?? MAX_TOKEN_LENGTH;
    // Built once (it parses ~150 root certificates); a broken extra CA file fails at start-up.
    const context = createTrustStoreContext(opts.trust.extraCaPem);
    this.context = context;
    const fetchLimits = { ...DEFAULT_FETCH_LIMITS, ...opts.fetch };
    const events = opts.events ?? NO_EVENTS;
    const decisions = new KeyDecisions(opts.keyDecisions ?? memorySettings());
    const mode = opts.onKeyDiscontinuity ?? "warn";
    const watch = new KeyContinuityWatch({ mode, events, log: opts.log, decisions, clock: opts.clock });
    this.keys = new ProviderKeyCache(
      (target, signal) =>
        fetchKeySet(
          target.url,
          {
            secureContext: () => context,
            thumbprints: target.thumbprints,
            trustPublicCa: opts.trust.trustPublicCa,
            allowHttp: this.allowsHttp(target.url),
            nowMs: opts.clock.nowMs(),
          },
          fetchLimits,
          signal,
        ),
      opts.clock,
      opts.log,
      { ...DEFAULT_KEY_CACHE_LIMITS, ...opts.cache },
      { watch, events },
    );
  }

  /**
   * Verifies `token`, presented under logins key `loginsKey` (the provider URL without scheme),
   * against `provider`'s registration. Never throws for a bad token; never logs the token.
   */
  async verify(token: string, provider: ProviderRegistration, loginsKey: string): Promise<VerifyOutcome> {
    // A token verified before is not decoded again (verified-tokens.ts); the size limit comes
    // first, so a huge value is refused before it is even hashed.
    const digest = token.length <= this.maxTokenLength ? this.verified.digestOf(token) : undefined;
    const seen = digest === undefined ? undefined : this.verified.get(digest);
    const decoded = seen?.decoded
      ? { ok: true as const, ...seen.decoded }
      : decodeUnverified(token, this.maxTokenLength);
    if (!decoded.ok) return decoded;
    const header = checkHeader(decoded.header, this.algorithms);
    if (!header.ok) return header;
    const issuer = this.checkIssuer(decoded.claims, provider, loginsKey);
    if (issuer) return { ok: false, rejection: issuer };
    const key = await this.keyFor(provider, header.header);
    if (!key.ok) return key;
    if (seen?.key !== key.key) {
      const signature = await verifySignature(token, key.key, header.header.alg);
      if (signature) return { ok: false, rejection: signature };
      if (digest !== undefined) this.verified.remember(digest, key.key);
    } else if (digest !== undefined && !seen.decoded) {
      this.verified.keepParts(digest, decoded, token.length);
    }
    // The payload jose just authenticated is the one decodeUnverified parsed (same base64url text).
    // Claims in the rule order (audience, then times), which is also jose's claim order.
    const claims = decoded.claims;
    const audience = checkAudience(claims, provider.clientIds);
    if (!audience.ok) return audience;
    const times = checkTimes(claims, nowEpochSeconds(this.opts.clock));
    if (times) return { ok: false, rejection: times };
    const subject = checkSubject(claims);
    if (subject) return { ok: false, rejection: subject };
    // Every typed member of VerifiedClaims was checked above (iss, sub, aud, azp, exp, nbf, iat).
    return {
      ok: true,
      claims: claims as VerifiedClaims,
      header: header.header,
      matchedClientId: audience.matchedClientId,
    };
  }

  /** Rule 3: `iss` is scheme + logins key, and the logins key names this very provider. */
  checkIssuer(
    claims: Record<string, unknown>,
    provider: ProviderRegistration,
    loginsKey: string,
  ): TokenRejection | undefined {
    if (provider.issuers !== undefined) {
      if (typeof claims.iss === "string" && provider.issuers.includes(claims.iss)) return undefined;
      return checkIssuer(claims, provider.issuers[0] ?? "");
    }
    const scheme = provider.url.startsWith("http://") ? "http://" : "https://";
    const expected = `${scheme}${loginsKey}`;
    if (provider.url !== expected) {
      return reject("issuer_mismatch", `logins key "${loginsKey}" does not name provider "${provider.url}"`);
    }
    return checkIssuer(claims, expected);
  }

  /** The provider's key for a header (fetching keys when needed). Used by verify and by diagnose. */
  keyFor(provider: ProviderRegistration, header: CheckedHeader): Promise<KeyOutcome> {
    if (provider.url.startsWith("http://") && !this.allowsHttp(provider.url)) {
      const detail = `provider ${provider.url} is http://; that needs --allow-http-providers`;
      return Promise.resolve({ ok: false, rejection: reject("untrusted_tls", detail) });
    }
    return this.keys.keyFor(this.target(provider), header);
  }

  /**
   * An administrator accepts the key set the watch holds back for provider `url` (exactly `kids`
   * when given), here or in another process on the same store (IdpoolService.AcceptProviderKeys).
   */
  acceptKeys(url: string, kids?: readonly string[]): Promise<AcceptOutcome> {
    return this.keys.accept(url, kids);
  }

  /** What is cached for a provider (for `idpool doctor`). */
  describeKeys(provider: ProviderRegistration): ReturnType<ProviderKeyCache["describe"]> {
    return this.keys.describe(this.target(provider));
  }

  get allowedAlgorithms(): ReadonlySet<string> {
    return this.algorithms;
  }

  get maxTokenChars(): number {
    return this.maxTokenLength;
  }

  /**
   * GETs a JSON document from a provider's token-inspection API (opaque Facebook and Amazon tokens),
   * over the same TLS trust (trust store, no thumbprints) and limits as key fetches. The token goes
   * in the Authorization header, never in the URL, so no detail or log line can carry it.
   */
  async inspect(url: URL, bearerToken: string): Promise<InspectOutcome> {
    const trust = {
      secureContext: () => this.context,
      thumbprints: [],
      trustPublicCa: this.opts.trust.trustPublicCa,
      allowHttp: this.opts.trust.allowHttpProviders,
      nowMs: this.opts.clock.nowMs(),
    };
    const limits = { ...DEFAULT_FETCH_LIMITS, ...this.opts.fetch };
    const result = await fetchDocument(url, "discovery", trust, limits, undefined, {
      authorization: `Bearer ${bearerToken}`,
    });
    if (!result.ok) {
      const refused = result.httpStatus !== undefined && result.httpStatus >= 400 && result.httpStatus < 500;
      return { ok: false, refused, detail: result.rejection.detail };
    }
    try {
      return { ok: true, json: JSON.parse(result.body) as unknown };
    } catch {
      return { ok: false, refused: false, detail: `${url.origin}${url.pathname}: answer is not JSON` };
    }
  }

  /** Aborts fetches in flight and forgets all keys. */
  close(): void {
    this.keys.close();
    this.verified.clear();
  }

  private allowsHttp(url: string): boolean {
    return allowsHttpProvider(this.opts.trust.allowHttpProviders, this.opts.trust.httpProviderUrls, url);
  }

  private target(provider: ProviderRegistration): KeyTarget {
    const { url, thumbprints } = provider;
    const made = this.targets.get(provider);
    if (made?.url === url && made.thumbprints === thumbprints) return made.target;
    const target = { url, thumbprints: normalizeThumbprints(thumbprints) };
    this.targets.set(provider, { url, thumbprints, target });
    return target;
  }
}
