import type { CryptoKey } from "jose";
import { breakClaims, type Claims, signWithRule } from "./break-rules.js";
import type { KeyRing } from "./key-ring.js";
import type { MintRequest } from "./mint-request.js";

export interface IssueContext {
  readonly issuer: string;
  readonly clientIds: readonly string[];
  readonly nowSeconds: number;
  readonly ring: KeyRing;
  /** The predefined claims of the user `sub`, if one is predefined. */
  readonly userClaims: Readonly<Record<string, unknown>>;
  readonly unpublishedKey: () => Promise<CryptoKey>;
}

/**
 * An ID token (OpenID Connect Core §2): iss, sub, aud, iat and exp from the provider, then the
 * user's predefined claims, the extra claims and, from an authorization request, its nonce
 * (§3.1.2.1; required for `response_type=id_token`, §3.2.2.1). RS256, with the kid of the current
 * key (OpenID Connect Core §10.1: the kid names the key when the JWKS holds several).
 */
export async function issueIdToken(
  ctx: IssueContext,
  request: MintRequest & { readonly nonce?: string | undefined },
): Promise<string> {
  const claims: Claims = {
    iss: ctx.issuer,
    sub: request.sub,
    aud: request.clientId,
    iat: ctx.nowSeconds,
    exp: ctx.nowSeconds + request.ttlSeconds,
    ...ctx.userClaims,
    ...request.claims,
    ...(request.nonce === undefined ? {} : { nonce: request.nonce }),
  };
  const broken = breakClaims(request.break, claims, {
    issuer: ctx.issuer,
    clientIds: ctx.clientIds,
    clientId: request.clientId,
    nowSeconds: ctx.nowSeconds,
    ttlSeconds: request.ttlSeconds,
  });
  return signWithRule(request.break, broken, await ctx.ring.signingKey(), ctx.unpublishedKey);
}
