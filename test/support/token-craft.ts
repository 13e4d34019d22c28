/** Hand-made tokens for attack tests: things no honest JOSE library will produce. */
export function b64url(value: unknown): string {
  return Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");
}

/** `header.payload.signature` from JSON values and an already base64url-encoded signature. */
export function craftToken(header: unknown, payload: unknown, signature = ""): string {
  return `${b64url(header)}.${b64url(payload)}.${signature}`;
}

/** Replaces one part (0 header, 1 payload, 2 signature) of a token. */
export function replacePart(token: string, index: 0 | 1 | 2, part: string): string {
  const parts = token.split(".");
  parts[index] = part;
  return parts.join(".");
}

/** Decodes a token's payload (tests only; no checks). */
export function payloadOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")) as Record<string, unknown>;
}
