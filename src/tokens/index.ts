export { discoveryDocument, jwksDocument } from "./documents.js";
export {
  type OpenIdTokenClaims,
  OpenIdTokenIssuer,
  OwnTokenRejected,
  POOL_ARN_CLAIM,
  principalTagsOf,
  TAGS_CLAIM,
  type VerifiedOpenIdToken,
} from "./openid-token.js";
export { ensureSigningKey, rotateSigningKey } from "./rotate.js";
export { type LoadedKey, MAX_TOKEN_LIFETIME_MS, SigningKeySet } from "./signing-keys.js";
