/**
 * From a registered provider URL to its key set: `<url>/.well-known/openid-configuration`
 * (OpenID Connect Discovery 1.0 §4) → `jwks_uri` → JWKS (RFC 7517 §5). Both documents are fetched
 * under the provider's TLS trust rules; the discovery `issuer` must equal the URL (§4.3).
 */
import type { JSONWebKeySet } from "jose";
import { type FetchLimits, type FetchTrust, fetchDocument } from "./https-fetch.js";
import { quote, reject, type TokenRejection } from "./rejection.js";
import type { TlsVerdict } from "./tls-trust.js";

export interface FetchedKeySet {
  jwks: JSONWebKeySet;
  jwksUri: string;
  /** From the JWKS response's `Cache-Control: max-age`, when it has one; 0 for no-store/no-cache. */
  maxAgeSeconds: number | undefined;
  /** How each host was trusted (undefined over http). */
  tls: { discovery: TlsVerdict | undefined; jwks: TlsVerdict | undefined };
}

export type KeySetOutcome = { ok: true; keySet: FetchedKeySet } | { ok: false; rejection: TokenRejection };

export function discoveryUrl(providerUrl: string): URL {
  return new URL(`${providerUrl.replace(/\/$/, "")}/.well-known/openid-configuration`);
}

export function parseMaxAgeSeconds(cacheControl: string | undefined): number | undefined {
  if (!cacheControl) return undefined;
  if (/(^|,)\s*(no-store|no-cache)\s*(,|$)/i.test(cacheControl)) return 0;
  const match = /(?:^|,)\s*max-age\s*=\s*"?(\d+)"?/i.exec(cacheControl);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

function parseObject(body: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

export async function fetchKeySet(
  providerUrl: string,
  trust: FetchTrust,
  limits: FetchLimits,
  signal?: AbortSignal,
): Promise<KeySetOutcome> {
  const fail = (rejection: TokenRejection): KeySetOutcome => ({ ok: false, rejection });
  let discoveryAt: URL;
  try {
    discoveryAt = discoveryUrl(providerUrl);
  } catch {
    return fail(reject("discovery_invalid", `provider URL ${quote(providerUrl)} is not a URL`));
  }
  const discovery = await fetchDocument(discoveryAt, "discovery", trust, limits, signal);
  if (!discovery.ok) return discovery;
  const document = parseObject(discovery.body);
  if (!document) return fail(reject("discovery_invalid", `${discoveryAt.href} is not a JSON object`));
  if (document.issuer !== providerUrl) {
    return fail(
      reject("discovery_invalid", `${discoveryAt.href}: issuer ${quote(document.issuer)}, expected "${providerUrl}"`),
    );
  }
  const { jwks_uri: jwksUriValue } = document;
  let jwksUri: URL;
  try {
    if (typeof jwksUriValue !== "string") throw new TypeError("not a string");
    jwksUri = new URL(jwksUriValue);
  } catch {
    return fail(
      reject("discovery_invalid", `${discoveryAt.href}: jwks_uri ${quote(jwksUriValue)} is not an absolute URL`),
    );
  }
  if (jwksUri.username || jwksUri.password || !["https:", "http:"].includes(jwksUri.protocol)) {
    return fail(
      reject("discovery_invalid", `${discoveryAt.href}: jwks_uri ${quote(jwksUriValue)} is not an https URL`),
    );
  }
  const jwksResponse = await fetchDocument(jwksUri, "jwks", trust, limits, signal);
  if (!jwksResponse.ok) return jwksResponse;
  const jwks = parseObject(jwksResponse.body);
  if (!jwks || !Array.isArray(jwks.keys)) {
    return fail(reject("jwks_invalid", `${jwksUri.href} is not a JSON Web Key Set (an object with a "keys" array)`));
  }
  return {
    ok: true,
    keySet: {
      jwks: jwks as unknown as JSONWebKeySet,
      jwksUri: jwksUri.href,
      maxAgeSeconds: parseMaxAgeSeconds(jwksResponse.cacheControl),
      tls: { discovery: discovery.tls, jwks: jwksResponse.tls },
    },
  };
}
