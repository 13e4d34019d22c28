/**
 * RFC 3986 percent-encoding as SigV4 defines it ("Create a canonical request", AWS SigV4 docs,
 * "UriEncode"): every byte of the UTF-8 form is encoded as %XY with upper-case hex, except the
 * unreserved characters A-Z a-z 0-9 - . _ ~. This equals smithy's `escapeUri`
 * (encodeURIComponent plus ! ' ( ) *) for well-formed text, and works on bytes so that a
 * percent-escape that is not valid UTF-8 still has one canonical form instead of throwing.
 */

const ALREADY_CANONICAL = /^[A-Za-z0-9\-._~]*$/;
const HEX = "0123456789ABCDEF";

function isUnreserved(byte: number): boolean {
  return (
    (byte >= 0x41 && byte <= 0x5a) || // A-Z
    (byte >= 0x61 && byte <= 0x7a) || // a-z
    (byte >= 0x30 && byte <= 0x39) || // 0-9
    byte === 0x2d || // -
    byte === 0x2e || // .
    byte === 0x5f || // _
    byte === 0x7e // ~
  );
}

export function uriEncodeBytes(bytes: Uint8Array): string {
  let out = "";
  for (const byte of bytes) {
    out += isUnreserved(byte) ? String.fromCharCode(byte) : `%${HEX[byte >> 4]}${HEX[byte & 0x0f]}`;
  }
  return out;
}

/** UriEncode(text): encodes the UTF-8 bytes of `text` (every '%' included). */
export function uriEncode(text: string): string {
  if (ALREADY_CANONICAL.test(text)) return text;
  return uriEncodeBytes(Buffer.from(text, "utf8"));
}

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x46) return code - 0x37;
  if (code >= 0x61 && code <= 0x66) return code - 0x57;
  return -1;
}

/**
 * Percent-decodes to bytes. A '%' not followed by two hex digits stays a literal '%'. '+' stays
 * '+': SigV4 query strings are RFC 3986, not HTML form encoding, and the SDK sends spaces as %20.
 */
export function percentDecode(text: string): Uint8Array {
  if (!text.includes("%")) return Buffer.from(text, "utf8");
  const bytes: number[] = [];
  let plainStart = 0;
  const flushPlain = (end: number): void => {
    if (end <= plainStart) return;
    for (const byte of Buffer.from(text.slice(plainStart, end), "utf8")) bytes.push(byte);
  };
  for (let i = 0; i + 2 < text.length; i++) {
    if (text.charCodeAt(i) !== 0x25) continue;
    const high = hexValue(text.charCodeAt(i + 1));
    const low = hexValue(text.charCodeAt(i + 2));
    if (high < 0 || low < 0) continue;
    flushPlain(i);
    bytes.push((high << 4) | low);
    i += 2;
    plainStart = i + 1;
  }
  flushPlain(text.length);
  return Uint8Array.from(bytes);
}

/** Canonical form of one query-string key or value exactly as it appeared on the wire. */
export function canonicalQueryComponent(raw: string): string {
  if (ALREADY_CANONICAL.test(raw)) return raw;
  return uriEncodeBytes(percentDecode(raw));
}
