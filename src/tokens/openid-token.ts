import { decodeJwt, decodeProtectedHeader, type JWTPayload, type ProtectedHeaderParameters } from "jose";
import type { RejectionReason, TokenRejection } from "../oidc/index.js";
import { type Clock, nowEpochSeconds, verifyJwsPkcs1 } from "../shared/index.js";
import { checkOwnClaims } from "./own-token-claims.js";
import { signRs512 } from "./sign-rs512.js";
import type { SigningKeySet } from "./signing-keys.js";

/** Claim names of Cognito's own tokens (reference §5). */
export const POOL_ARN_CLAIM = "https://cognito-identity.amazonaws.com/identity-pool-arn";
export const TAGS_CLAIM = "https://aws.amazon.com/tags";

export interface OpenIdTokenClaims {
  readonly identityId: string;
  readonly poolId: string;
  readonly poolArn: string;
  readonly amr: readonly string[];
  /** Session tags as `{ tag: [value] }` (reference §3.7). */
  readonly principalTags?: Readonly<Record<string, string>>;
}

export interface VerifiedOpenIdToken extends OpenIdTokenClaims {
  readonly issuedAtEpochSeconds: number;
  readonly expiresAtEpochSeconds: number;
  readonly kid: string;
}

/**
 * Why idpool refused one of its own tokens, in oidc/'s vocabulary of rejection reasons, so that each
 * service maps one type exhaustively to its own error and message (DESIGN.md, "Errors").
 */
export class OwnTokenRejected extends Error {
  constructor(readonly rejection: TokenRejection) {
    super(`${rejection.reason}: ${rejection.detail}`);
  }
}

const refuse = (reason: Exclude<RejectionReason, "expired">, detail: string) =>
  new OwnTokenRejected({ reason, detail });

/** Issues and checks idpool's own OpenID tokens: RS512, `typ: JWS`, a `kid` (reference §5). */
export class OpenIdTokenIssuer {
  constructor(
    private readonly keys: SigningKeySet,
    private readonly clock: Clock,
    /** The public URL; known only once the server listens when the port is chosen by the OS. */
    private readonly issuer: () => string,
  ) {}

  get issuerUrl(): string {
    return this.issuer();
  }

  async issue(claims: OpenIdTokenClaims, ttlSeconds: number): Promise<string> {
    const key = await this.keys.current();
    const now = nowEpochSeconds(this.clock);
    const payload: Record<string, unknown> = { amr: claims.amr, [POOL_ARN_CLAIM]: claims.poolArn };
    if (claims.principalTags && Object.keys(claims.principalTags).length > 0) {
      const principalTags = Object.fromEntries(Object.entries(claims.principalTags).map(([k, v]) => [k, [v]]));
      payload[TAGS_CLAIM] = { principal_tags: principalTags };
    }
    payload.iss = this.issuer();
    payload.sub = claims.identityId;
    payload.aud = claims.poolId;
    payload.iat = now;
    payload.exp = now + ttlSeconds;
    return signRs512({ kid: key.kid, typ: "JWS", alg: "RS512" }, payload, key.signingKey);
  }

  /**
   * Verifies a token idpool signed; throws OwnTokenRejected saying why not. jose parses it; the
   * RS512 signature is checked with node:crypto (shared/jws-pkcs1.ts), the claims by
   * own-token-claims.ts.
   */
  async verify(token: string): Promise<VerifiedOpenIdToken> {
    let header: ProtectedHeaderParameters;
    let payload: JWTPayload;
    try {
      header = decodeProtectedHeader(token);
      payload = decodeJwt(token);
    } catch (error) {
      throw refuse("malformed", error instanceof Error ? error.message : "not a compact JWS");
    }
    if (header.alg !== "RS512") throw refuse("alg_not_allowed", "idpool signs RS512 only");
    if (header.crit !== undefined) throw refuse("malformed", "idpool's tokens carry no crit header parameter");
    const kid = header.kid;
    const key = kid === undefined ? undefined : await this.keys.byKid(kid);
    if (!key || kid === undefined) throw refuse("no_matching_key", "no idpool signing key has this kid");
    const signature = verifyJwsPkcs1(token, key.publicKey, "RS512");
    if (signature === "bad_signature") throw refuse("bad_signature", "signature does not verify");
    if (signature !== "verified") throw refuse("malformed", `the signature cannot be checked: ${signature}`);
    const checked = checkOwnClaims(payload, this.issuer(), nowEpochSeconds(this.clock));
    if ("reason" in checked) throw new OwnTokenRejected(checked);
    const amr = Array.isArray(payload.amr) ? payload.amr.filter((a): a is string => typeof a === "string") : [];
    const tags = principalTagsOf(payload[TAGS_CLAIM]);
    return {
      identityId: checked.sub,
      poolId: checked.aud,
      poolArn: typeof payload[POOL_ARN_CLAIM] === "string" ? payload[POOL_ARN_CLAIM] : "",
      amr,
      ...(tags ? { principalTags: tags } : {}),
      issuedAtEpochSeconds: checked.iat,
      expiresAtEpochSeconds: checked.exp,
      kid,
    };
  }
}

/** Session tags from the `https://aws.amazon.com/tags` claim (reference §3.7): the first value of each. */
export function principalTagsOf(value: unknown): Record<string, string> | undefined {
  if (value === null || typeof value !== "object") return undefined;
  const principal = (value as { principal_tags?: unknown }).principal_tags;
  if (principal === null || typeof principal !== "object") return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(principal)) {
    const first: unknown = Array.isArray(v) ? v[0] : v;
    if (typeof first === "string") out[k] = first;
  }
  return out;
}
