/**
 * Test support (not used by the service): key sets as discovery.ts hands them to the key cache,
 * for the unit tests of the key cache, the lookup and the continuity watch.
 */
import { exportJWK, generateKeyPair, type JWK } from "jose";
import type { FetchedKeySet } from "./discovery.js";

/** A fetched set holding `keys`, served from `https://idp.example/jwks` without TLS details. */
export function keySetOf(keys: JWK[], maxAgeSeconds?: number): FetchedKeySet {
  return {
    jwks: { keys },
    jwksUri: "https://idp.example/jwks",
    maxAgeSeconds,
    tls: { discovery: undefined, jwks: undefined },
  };
}

/** A fresh RS256 public key with this kid, as a provider publishes it. */
export async function rsaJwk(kid: string): Promise<JWK> {
  return { ...(await exportJWK((await generateKeyPair("RS256")).publicKey)), kid };
}
