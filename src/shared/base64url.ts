export function base64urlEncode(data: Uint8Array | string): string {
  return Buffer.from(data).toString("base64url");
}

export function base64urlDecode(text: string): Buffer {
  return Buffer.from(text, "base64url");
}

/**
 * Decodes base64url only in the one form idpool itself writes (RFC 4648 §5, no padding, unused
 * bits zero), else undefined. Node's decoder is lenient: it skips characters outside the alphabet,
 * accepts `+`, `/` and `=`, and ignores set unused bits, so several texts decode to one value. A
 * round trip accepts exactly one text per value.
 */
export function base64urlDecodeCanonical(text: string): Buffer | undefined {
  const bytes = Buffer.from(text, "base64url");
  return bytes.toString("base64url") === text ? bytes : undefined;
}
