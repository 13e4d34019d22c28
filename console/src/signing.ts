/**
 * The console's own signed calls: idpool's operations (IdpoolService.<Op>, AWS JSON 1.1 at POST /,
 * SigV4 with signing name `idpool`), signed in the tab with @smithy/signature-v4 and WebCrypto's
 * SHA-256. The secret never leaves the tab; only the signature does. (The Cognito Identity, IAM and
 * STS calls are the SDK's own clients, which sign the same way.)
 */
import { SignatureV4 } from "@smithy/signature-v4";

export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

type SourceData = string | ArrayBuffer | ArrayBufferView;

const toBytes = (data: SourceData): Uint8Array =>
  typeof data === "string"
    ? new TextEncoder().encode(data)
    : data instanceof ArrayBuffer
      ? new Uint8Array(data)
      : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

/**
 * SHA-256, or HMAC-SHA256 with a secret, in the shape @smithy/signature-v4 takes, on WebCrypto
 * (crypto.subtle: an https:// or loopback page). WebCrypto hashes whole messages, so the parts are
 * kept until digest().
 */
export class WebCryptoSha256 {
  private parts: Uint8Array[] = [];
  constructor(private readonly secret?: SourceData) {}
  update(data: SourceData): void {
    this.parts.push(toBytes(data).slice());
  }
  async digest(): Promise<Uint8Array> {
    const length = this.parts.reduce((n, p) => n + p.length, 0);
    const message = new Uint8Array(length);
    let at = 0;
    for (const part of this.parts) {
      message.set(part, at);
      at += part.length;
    }
    const subtle = globalThis.crypto?.subtle;
    if (!subtle)
      throw new Error("This page has no WebCrypto: open the console over https:// or from a loopback address.");
    if (this.secret === undefined) return new Uint8Array(await subtle.digest("SHA-256", message));
    const key = await subtle.importKey("raw", toBytes(this.secret).slice(), { name: "HMAC", hash: "SHA-256" }, false, [
      "sign",
    ]);
    return new Uint8Array(await subtle.sign("HMAC", key, message));
  }
  reset(): void {
    this.parts = [];
  }
}

export interface SignInput {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly region: string;
  readonly service: string;
  readonly credentials: Credentials;
  /** The signing time (now unless given: tests). */
  readonly date?: Date;
}

/** The request's headers with SigV4's (host, x-amz-date, authorization and the session token). */
export async function signRequest(input: SignInput): Promise<Record<string, string>> {
  const url = new URL(input.url);
  const signer = new SignatureV4({
    service: input.service,
    region: input.region,
    credentials: input.credentials,
    sha256: WebCryptoSha256,
    applyChecksum: false,
  });
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = v;
  const signed = await signer.sign(
    {
      method: input.method,
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port === "" ? {} : { port: Number(url.port) }),
      path: url.pathname,
      query,
      headers: { host: url.host, ...input.headers },
      ...(input.body === undefined ? {} : { body: input.body }),
    },
    input.date ? { signingDate: input.date } : {},
  );
  return signed.headers;
}

/** An error answer of the API: its code (`__type` without a namespace) and message. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

export interface Target {
  /** The idpool origin: the page's own. */
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: Credentials;
}

/** One IdpoolService operation, signed; the answer's JSON, or the API's error thrown as ApiError. */
export async function callIdpool(
  target: Target,
  operation: string,
  input: Record<string, unknown> = {},
  fetchImpl: typeof fetch = fetch,
): Promise<Record<string, unknown>> {
  const url = new URL("/", target.endpoint).href;
  const body = JSON.stringify(input);
  const headers = await signRequest({
    method: "POST",
    url,
    headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": `IdpoolService.${operation}` },
    body,
    region: target.region,
    service: "idpool",
    credentials: target.credentials,
  });
  // The browser sets Host itself, to the same value that was signed.
  const { host: _host, ...sent } = headers;
  const response = await fetchImpl(url, { method: "POST", headers: sent, body });
  const text = await response.text();
  let json: Record<string, unknown> = {};
  try {
    const parsed: unknown = text === "" ? {} : JSON.parse(text);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) json = parsed as Record<string, unknown>;
  } catch {
    throw new ApiError(`HTTP ${response.status}`, `not a JSON answer: ${text.slice(0, 200)}`);
  }
  if (response.ok) return json;
  const code =
    String(json.__type ?? `HTTP ${response.status}`)
      .split("#")
      .pop() ?? "";
  throw new ApiError(code, String(json.message ?? json.Message ?? ""));
}
