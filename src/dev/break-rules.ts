import { createHmac } from "node:crypto";
import { CompactSign, type CryptoKey } from "jose";
import { assertNever, base64urlEncode } from "../shared/index.js";
import type { LoadedKey } from "./key-ring.js";

/** The defects a minted token can carry, one each, so a verifier's every rule can be tested. */
export const BREAK_RULES = [
  "issuer",
  "signature",
  "unknown-key",
  "audience",
  "azp",
  "expired",
  "not-yet-valid",
  "alg-none",
  "hs256",
] as const;
export type BreakRule = (typeof BREAK_RULES)[number];

export function isBreakRule(value: unknown): value is BreakRule {
  return typeof value === "string" && (BREAK_RULES as readonly string[]).includes(value);
}

/**
 * How far past a verifier's clock-skew grace the time rules go: verifiers (idpool's included, after
 * Cognito) forgive 300 s, so `expired` and `not-yet-valid` are off by twice that.
 */
export const BROKEN_TIME_OFFSET_SECONDS = 600;

export interface Claims {
  readonly [name: string]: unknown;
}

export interface BreakContext {
  readonly issuer: string;
  readonly clientIds: readonly string[];
  readonly clientId: string;
  readonly nowSeconds: number;
  readonly ttlSeconds: number;
}

/** A client id none of the provider's clients has (`<clientId>-unregistered`, more dashes if taken). */
function unregistered(ctx: BreakContext): string {
  let candidate = `${ctx.clientId}-unregistered`;
  while (ctx.clientIds.includes(candidate)) candidate += "-";
  return candidate;
}

/** The claim-level rules: the token is signed properly, one claim is wrong. */
export function breakClaims(rule: BreakRule | undefined, claims: Claims, ctx: BreakContext): Claims {
  const { azp: _azp, ...withoutAzp } = claims;
  switch (rule) {
    case undefined:
    case "signature":
    case "unknown-key":
    case "alg-none":
    case "hs256":
      return claims;
    // A path below the issuer: the same host, so only the issuer comparison fails.
    case "issuer":
      return { ...claims, iss: `${ctx.issuer}/wrong-issuer` };
    // Without azp a verifier judges aud (OpenID Connect Core §3.1.3.7 rules 3 and 4).
    case "audience":
      return { ...withoutAzp, aud: unregistered(ctx) };
    case "azp":
      return { ...claims, aud: ctx.clientId, azp: unregistered(ctx) };
    case "expired": {
      const exp = ctx.nowSeconds - BROKEN_TIME_OFFSET_SECONDS;
      return { ...claims, iat: exp - ctx.ttlSeconds, exp };
    }
    // iat stays now; exp is a full ttl after nbf, so only nbf is wrong.
    case "not-yet-valid": {
      const nbf = ctx.nowSeconds + BROKEN_TIME_OFFSET_SECONDS;
      return { ...claims, nbf, exp: nbf + ctx.ttlSeconds };
    }
    default:
      return assertNever(rule);
  }
}

function segment(value: unknown): string {
  return base64urlEncode(JSON.stringify(value));
}

async function rs256(privateKey: CryptoKey, kid: string, claims: Claims): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg: "RS256", kid, typ: "JWT" })
    .sign(privateKey);
}

/**
 * Signs `claims` (already broken by `breakClaims`) with the signature-level rule applied. Every
 * broken token carries the current published kid, so the defect is the one named and not "no such
 * key":
 * - `signature`: the current key's real signature, but over a payload whose `sub` differed; the
 *   token carries `claims` unchanged (as if someone edited sub after signing).
 * - `unknown-key`: signed by `unpublished`, a key no JWKS holds, under the published kid.
 * - `alg-none`: an Unsecured JWS (RFC 7515 Appendix A.5): `alg: none` and an empty signature.
 * - `hs256`: the classic algorithm-confusion attack (CVE-2015-9235): HMAC-SHA256 keyed with the
 *   bytes of the public key as SPKI PEM text (`-----BEGIN PUBLIC KEY-----`, 64-character base64
 *   lines, final newline, as Node's `KeyObject.export({ type: "spki", format: "pem" })` and
 *   `openssl rsa -pubout` write it), which a verifier handed "the key" as a PEM string would use as
 *   the HMAC secret if it let the token pick the algorithm.
 */
export async function signWithRule(
  rule: BreakRule | undefined,
  claims: Claims,
  key: LoadedKey,
  unpublished: () => Promise<CryptoKey>,
): Promise<string> {
  switch (rule) {
    case "signature": {
      const [header, , signature] = (
        await rs256(key.privateKey, key.kid, { ...claims, sub: `not-${claims.sub}` })
      ).split(".");
      return `${header}.${segment(claims)}.${signature}`;
    }
    case "unknown-key":
      return rs256(await unpublished(), key.kid, claims);
    case "alg-none":
      return `${segment({ alg: "none", kid: key.kid, typ: "JWT" })}.${segment(claims)}.`;
    case "hs256": {
      const input = `${segment({ alg: "HS256", kid: key.kid, typ: "JWT" })}.${segment(claims)}`;
      const mac = createHmac("sha256", Buffer.from(key.publicPem, "utf8")).update(input).digest("base64url");
      return `${input}.${mac}`;
    }
    default:
      return rs256(key.privateKey, key.kid, claims);
  }
}
