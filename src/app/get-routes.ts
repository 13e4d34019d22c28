import type { GetRoute } from "../server/index.js";
import type { Store } from "../store/index.js";
import { discoveryDocument, jwksDocument, type SigningKeySet } from "../tokens/index.js";

/** `GET /healthz` of serve and of the gateway: 200 when the store answers, 503 otherwise. */
export function healthCheck(store: Store): () => Promise<{ status: number; body: unknown }> {
  return async () => {
    try {
      await store.ping();
      return { status: 200, body: { status: "ok" } };
    } catch {
      return { status: 503, body: { status: "unavailable", reason: "store did not answer" } };
    }
  };
}

/** The GET routes of CONTRACT.md: health, and the documents that publish idpool's token keys. */
export function buildGetRoutes(store: Store, keys: SigningKeySet, issuer: () => string): Map<string, GetRoute> {
  return new Map<string, GetRoute>([
    ["/healthz", healthCheck(store)],
    [
      "/.well-known/openid-configuration",
      async () => ({ status: 200, body: discoveryDocument(issuer()), cacheSeconds: 300 }),
    ],
    ["/.well-known/jwks_uri", async () => ({ status: 200, body: await jwksDocument(keys), cacheSeconds: 300 })],
  ]);
}
