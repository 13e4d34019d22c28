/** Node's `IncomingHttpHeaders`: lower-case names, a string or (for repeated headers) an array. */
export type HeaderMap = Readonly<Record<string, string | string[] | undefined>>;

const NEEDS_TRIMMING = /[\r\n\t]| {2}|^ | $/;

/**
 * One header's canonical value (AWS SigV4 docs, "Create a canonical request", CanonicalHeaders):
 * leading and trailing spaces removed and runs of spaces collapsed to one. Like smithy's
 * `getCanonicalHeaders`, CR/LF become spaces and tabs count as spaces, so a value signed by the
 * SDK canonicalises the same here.
 */
export function canonicalHeaderValue(value: string): string {
  if (!NEEDS_TRIMMING.test(value)) return value;
  return value
    .replace(/[\r\n]/g, " ")
    .replace(/[ \t]+/g, " ")
    .replace(/^ | $/g, "");
}

/**
 * A header as one string. Repeated headers (an array, as in Node's `headersDistinct`) are joined
 * with ',' after trimming each value, as the SigV4 docs require for multiple values of one name.
 */
export function headerValue(headers: HeaderMap, name: string): string | undefined {
  // Own properties only: a SignedHeaders entry such as `constructor` or `__proto__` must not reach
  // Object.prototype on a plain header object.
  if (!Object.hasOwn(headers, name)) return undefined;
  const value = headers[name];
  if (value === undefined || typeof value === "string") return value;
  return Array.isArray(value) ? value.map(canonicalHeaderValue).join(",") : undefined;
}

/**
 * The CanonicalHeaders block, `name:value\n` per signed header in the order SignedHeaders lists
 * them (the client built SignedHeaders from the same sorted list). Returns undefined when a signed
 * header is missing from the request: the signature cannot match then.
 */
export function canonicalHeaders(headers: HeaderMap, signedHeaders: readonly string[]): string | undefined {
  let block = "";
  for (const name of signedHeaders) {
    const value = headerValue(headers, name);
    if (value === undefined) return undefined;
    block += `${name}:${canonicalHeaderValue(value)}\n`;
  }
  return block;
}
