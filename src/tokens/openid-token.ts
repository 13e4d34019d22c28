import { decodeProtectedHeader, errors, jwtVerify, SignJWT } from "jose";
import { type Clock, nowEpochSeconds } from "../shared/index.js";
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

export type OwnTokenProblem = "not_ours" | "expired" | "bad_signature" | "malformed";

export class OwnTokenRejected extends Error {
  constructor(
    readonly problem: OwnTokenProblem,
    readonly detail: string,
    readonly expiresAtEpochSeconds?: number,
  ) {
    super(`${problem}: ${detail}`);
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
    return new SignJWT(payload)
      .setProtectedHeader({ kid: key.kid, typ: "JWS", alg: "RS512" })
      .setIssuer(this.issuer())
      .setSubject(claims.identityId)
      .setAudience(claims.poolId)
      .setIssuedAt(now)
      .setExpirationTime(now + ttlSeconds)
      .sign(key.privateKey);
  }

  /** Verifies a token idpool signed; throws OwnTokenRejected saying why not. */
  async verify(token: string): Promise<VerifiedOpenIdToken> {
    let kid: string | undefined;
    try {
      kid = decodeProtectedHeader(token).kid;
    } catch {
      throw new OwnTokenRejected("malformed", "not a compact JWS");
    }
    const key = kid === undefined ? undefined : await this.keys.byKid(kid);
    if (!key || kid === undefined) throw new OwnTokenRejected("not_ours", "no idpool signing key has this kid");
    try {
      const { payload } = await jwtVerify(token, key.publicKey, {
        algorithms: ["RS512"],
        issuer: this.issuer(),
        currentDate: new Date(this.clock.nowMs()),
        requiredClaims: ["sub", "aud", "exp", "iat"],
      });
      const aud = Array.isArray(payload.aud) ? payload.aud[0] : payload.aud;
      const amr = Array.isArray(payload.amr) ? payload.amr.filter((a): a is string => typeof a === "string") : [];
      const tags = readTags(payload[TAGS_CLAIM]);
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
        const exp = typeof error.payload.exp === "number" ? error.payload.exp : undefined;
        throw new OwnTokenRejected("expired", "token expired", exp);
      }
      if (error instanceof errors.JWSSignatureVerificationFailed)
        throw new OwnTokenRejected("bad_signature", "signature does not verify");
      if (error instanceof errors.JWTClaimValidationFailed)
        throw new OwnTokenRejected("not_ours", `claim ${error.claim} failed: ${error.reason}`);
      throw new OwnTokenRejected("malformed", error instanceof Error ? error.message : "invalid token");
    }
  }
}

function readTags(value: unknown): Record<string, string> | undefined {
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
