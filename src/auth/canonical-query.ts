import { canonicalQueryComponent } from "./uri-encode.js";

interface QueryPair {
  readonly key: string;
  readonly value: string;
}

/**
 * smithy's signer leaves X-Amz-Signature out of the canonical query (it is how the presigned form
 * carries the signature); doing the same keeps every request it signs verifiable.
 */
const EXCLUDED_KEY = "x-amz-signature";

function compareCodeUnits(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

/**
 * CanonicalQueryString (AWS SigV4 docs, "Create a canonical request"): each name and value
 * URI-encoded (RFC 3986, upper-case hex), sorted by encoded name then by value, a parameter
 * without '=' given an empty value, joined as `name=value` with '&'. The components are decoded
 * from the wire and re-encoded, so `a%2fb`, `a%2Fb` and `a/b` all become `a%2Fb`. Encoded strings
 * are ASCII, so comparing UTF-16 code units is the byte order the docs ask for.
 */
export function canonicalQuery(rawQuery: string): string {
  if (rawQuery === "") return "";
  const pairs: QueryPair[] = [];
  for (const part of rawQuery.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const rawKey = eq < 0 ? part : part.slice(0, eq);
    const rawValue = eq < 0 ? "" : part.slice(eq + 1);
    const key = canonicalQueryComponent(rawKey);
    if (key.length === EXCLUDED_KEY.length && key.toLowerCase() === EXCLUDED_KEY) continue;
    pairs.push({ key, value: canonicalQueryComponent(rawValue) });
  }
  pairs.sort((a, b) => compareCodeUnits(a.key, b.key) || compareCodeUnits(a.value, b.value));
  return pairs.map((pair) => `${pair.key}=${pair.value}`).join("&");
}
