export function base64urlEncode(data: Uint8Array | string): string {
  return Buffer.from(data).toString("base64url");
}

export function base64urlDecode(text: string): Buffer {
  return Buffer.from(text, "base64url");
}
