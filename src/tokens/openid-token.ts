import { decodeProtectedHeader, errors, jwtVerify } from "jose";
import type { RejectionReason, TokenRejection } from "../oidc/index.js";
import { type Clock, nowEpochSeconds } from "../shared/index.js";
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

/** A claim jose found wanting, as a rejection reason. */
function claimReason(claim: string): Exclude<RejectionReason, "expired"> {
  switch (claim) {
    case "iss":
      return "issuer_mismatch";
    case "aud":
      return "missing_aud";
    case "sub":
      return "missing_sub";
    case "exp":
      return "missing_exp";
    case "nbf":
      return "not_yet_valid";
    case "iat":
      return "issued_in_future";
    default:
      return "malformed";
  }
}

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

  /** Verifies a token idpool signed; throws OwnTokenRejected saying why not. */
  async verify(token: string): Promise<VerifiedOpenIdToken> {
    let kid: string | undefined;
    try {
      kid = decodeProtectedHeader(token).kid;
    } catch {
      throw refuse("malformed", "not a compact JWS");
    }
    const key = kid === undefined ? undefined : await this.keys.byKid(kid);
    if (!key || kid === undefined) throw refuse("no_matching_key", "no idpool signing key has this kid");
    try {
      const { payload } = await jwtVerify(token, key.publicKey, {
        algorithms: ["RS512"],
        issuer: this.issuer(),
        currentDate: new Date(this.clock.nowMs()),
        requiredClaims: ["sub", "aud", "exp", "iat"],
      });
      const aud = Array.isArray(payload.aud) ? payload.aud[0] : payload.aud;
      const amr = Array.isArray(payload.amr) ? payload.amr.filter((a): a is string => typeof a === "string") : [];
      const tags = principalTagsOf(payload[TAGS_CLAIM]);
      return {
        identityId: payload.sub ?? "",
        poolId: aud ?? "",
        poolArn: typeof payload[POOL_ARN_CLAIM] === "string" ? payload[POOL_ARN_CLAIM] : "",
        amr,
        ...(tags ? { principalTags: tags } : {}),
        issuedAtEpochSeconds: payload.iat ?? 0,
        expiresAtEpochSeconds: payload.exp ?? 0,
        kid,
      };
    } catch (error) {
      if (error instanceof errors.JWTExpired) {
        const exp = typeof error.payload.exp === "number" ? error.payload.exp : 0;
        const now = nowEpochSeconds(this.clock);
        throw new OwnTokenRejected({
          reason: "expired",
          detail: "token expired",
          nowEpochSeconds: now,
          expEpochSeconds: exp,
        });
      }
      if (error instanceof errors.JWSSignatureVerificationFailed)
        throw refuse("bad_signature", "signature does not verify");
      if (error instanceof errors.JOSEAlgNotAllowed) throw refuse("alg_not_allowed", "idpool signs RS512 only");
      if (error instanceof errors.JWTClaimValidationFailed) {
        throw refuse(claimReason(error.claim), `claim ${error.claim} failed: ${error.reason}`);
      }
      throw refuse("malformed", error instanceof Error ? error.message : "invalid token");
    }
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
