export interface WireRequest {
  readonly method: string;
  /** Path and query exactly as received, for SigV4. */
  readonly rawPath: string;
  /** Node's headers; a header Node would keep only one of is a list when it was sent twice. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
  /** The client's address, for the audit trail (the socket's remote address). */
  readonly sourceAddress?: string | undefined;
}

export interface WireResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Header values may not hold line breaks or non-Latin-1 text; messages are made safe for them. */
export function headerSafe(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, " ").slice(0, 1000);
}

export function headerValue(headers: WireRequest["headers"], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The media type without parameters, lower-cased (`application/x-www-form-urlencoded`). */
export function mediaType(headers: WireRequest["headers"]): string {
  return (headerValue(headers, "content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}
