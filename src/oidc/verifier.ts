/**
 * The verifier: Cognito's rules for OpenID Connect ID tokens (reference §4.1) in jose's order:
 * shape and header, issuer, key, signature, then claims. Cheap checks that need no key come first,
 * so a token that cannot be valid for this provider never causes I/O.
 */
import { allowsHttpProvider, NO_EVENTS, nowEpochSeconds } from "../shared/index.js";
import { checkAudience, checkIssuer, checkSubject, checkTimes, type VerifiedClaims } from "./claim-rules.js";
import { decodeUnverified, MAX_TOKEN_LENGTH } from "./decode.js";
import { fetchKeySet } from "./discovery.js";
import { allowedAlgorithms, type CheckedHeader, checkHeader } from "./header-rules.js";
import { type KeyOutcome, type KeyTarget, ProviderKeyCache } from "./key-cache.js";
import { DEFAULT_KEY_CACHE_LIMITS } from "./key-cache-limits.js";
import { KeyDecisions, memorySettings } from "./key-decisions.js";
import { type AcceptOutcome, KeyContinuityWatch } from "./key-watch.js";
import { reject, type TokenRejection } from "./rejection.js";
import { verifySignature } from "./signature.js";
import { createTrustStoreContext, normalizeThumbprints } from "./tls-trust.js";
import { type InspectOutcome, inspectToken } from "./token-inspection.js";
import { VerifiedTokens } from "./verified-tokens.js";
import {
  DEFAULT_FETCH_LIMITS,
  type OidcVerifierOptions,
  type ProviderRegistration,
  type VerifyOutcome,
} from "./verifier-options.js";

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

  /** A provider's token-inspection API (token-inspection.ts), over the trust of key fetches but thumbprints. */
  inspect(url: URL, bearerToken: string): Promise<InspectOutcome> {
    const trust = {
      secureContext: () => this.context,
      thumbprints: [],
      trustPublicCa: this.opts.trust.trustPublicCa,
      allowHttp: this.opts.trust.allowHttpProviders,
      nowMs: this.opts.clock.nowMs(),
    };
    return inspectToken(url, bearerToken, trust, { ...DEFAULT_FETCH_LIMITS, ...this.opts.fetch });
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
