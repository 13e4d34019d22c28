/**
 * The key-continuity watch's comparison (README: "Key-continuity watch"). A provider rotates its keys
 * by publishing the new key beside the old one and retiring the old one later (OpenID Connect Core
 * 1.0 §10.1.1: the old key stays in the JWK Set while tokens it signed may still be presented), so
 * from one fetch to the next at least one key survives. A set of which no key was in the previous
 * one, or keys served by a host whose certificate chain now ends at another CA, is what a taken-over
 * provider or a hijacked host looks like: the watch reports it, and refuse mode holds it back.
 */
import { createHash } from "node:crypto";
import { calculateJwkThumbprint, type JWK } from "jose";
import type { FetchedKeySet } from "./discovery.js";
import type { ChainAnchor } from "./tls-trust.js";

export type DiscontinuityKind = "key_set_replaced" | "tls_issuer_changed";

/** What the watch remembers of a fetched key set. */
export interface KeySnapshot {
  /** The kids as published, sorted (`(no kid)` for a key without one). */
  readonly kids: readonly string[];
  /**
   * RFC 7638 thumbprints of the keys, sorted: a key is "the same key" by its material, so a new key
   * published under an old kid is a new key.
   */
  readonly keyThumbprints: readonly string[];
  /** SHA-256 over the sorted thumbprints: names this exact set in acceptance records. */
  readonly digest: string;
  /** The CA the jwks_uri host's chain ends at; undefined over http. */
  readonly tlsAnchor: ChainAnchor | undefined;
}

const NO_KID = "(no kid)";

/** RFC 7638 §3, by jose; a key jose cannot thumbprint (unknown kty) is known by its whole JSON. */
async function keyThumbprint(jwk: JWK): Promise<string> {
  try {
    return await calculateJwkThumbprint(jwk, "sha256");
  } catch {
    return `json:${createHash("sha256").update(JSON.stringify(jwk)).digest("base64url")}`;
  }
}

export async function snapshotOf(keySet: FetchedKeySet): Promise<KeySnapshot> {
  const keys = keySet.jwks.keys;
  const keyThumbprints = [...new Set(await Promise.all(keys.map(keyThumbprint)))].sort();
  return {
    kids: keys.map((k) => (typeof k.kid === "string" ? k.kid : NO_KID)).sort(),
    keyThumbprints,
    digest: createHash("sha256").update(keyThumbprints.join("\n")).digest("hex"),
    tlsAnchor: keySet.tls.jwks?.ok ? keySet.tls.jwks.anchor : undefined,
  };
}

/**
 * How `next` breaks with `previous`, if it does. Only what both fetches know is compared: an empty
 * set (a provider fault, which fails every token anyway) or a fetch over http has nothing to say.
 */
export function discontinuities(previous: KeySnapshot, next: KeySnapshot): DiscontinuityKind[] {
  const kinds: DiscontinuityKind[] = [];
  const before = new Set(previous.keyThumbprints);
  const bothHaveKeys = previous.keyThumbprints.length > 0 && next.keyThumbprints.length > 0;
  if (bothHaveKeys && !next.keyThumbprints.some((t) => before.has(t))) kinds.push("key_set_replaced");
  const [was, now] = [previous.tlsAnchor, next.tlsAnchor];
  if (was && now && was.id !== now.id) kinds.push("tls_issuer_changed");
  return kinds;
}

/** The same set of kids, in any order (what an administrator accepts is compared this way). */
export function sameKids(a: readonly string[], b: readonly string[]): boolean {
  const [x, y] = [[...a].sort(), [...b].sort()];
  return x.length === y.length && x.every((kid, i) => kid === y[i]);
}

/** One phrase per kind, for log lines and refusal details. */
export function describeDiscontinuity(
  kinds: readonly DiscontinuityKind[],
  previous: KeySnapshot,
  next: KeySnapshot,
): string {
  const list = (kids: readonly string[]) => kids.join(", ") || "none";
  const parts = kinds.map((kind) =>
    kind === "key_set_replaced"
      ? `replaced its whole key set (previous kids: ${list(previous.kids)}; new kids: ${list(next.kids)})`
      : `now serves its keys under another CA (was ${previous.tlsAnchor?.name ?? "?"}, now ${next.tlsAnchor?.name ?? "?"}; previous kids: ${list(previous.kids)}; new kids: ${list(next.kids)})`,
  );
  return parts.join(" and ");
}
