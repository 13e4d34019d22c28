/**
 * One GET of a provider document, by hand on node:http/node:tls rather than fetch/undici, because
 * the TLS connection has to be judged (thumbprints, trust store, host name) before a single byte of
 * the request is sent. Limits as jose's remote key set: a deadline, a size cap, no redirects.
 */
import http, { type IncomingMessage } from "node:http";
import { isIP } from "node:net";
import tls, { type TLSSocket } from "node:tls";
import { reject, type TokenRejection } from "./rejection.js";
import { judgeConnection, type TlsVerdict } from "./tls-trust.js";

export interface FetchLimits {
  timeoutMs: number;
  maxResponseBytes: number;
}

export interface FetchTrust {
  secureContext: () => tls.SecureContext;
  /** Normalised thumbprints of the provider being fetched for. */
  thumbprints: readonly string[];
  trustPublicCa: boolean;
  allowHttp: boolean;
  nowMs: number;
}

export type FetchResult =
  | { ok: true; body: string; cacheControl: string | undefined; tls: TlsVerdict | undefined }
  | { ok: false; rejection: TokenRejection; httpStatus?: number };

/** Which document: decides the reason when its content, not the network, is at fault. */
export type DocumentKind = "discovery" | "jwks";

const invalidReason = (kind: DocumentKind) => (kind === "discovery" ? "discovery_invalid" : "jwks_invalid");

/** `[::1]` in a URL is `::1` on the wire. */
function hostOf(url: URL): string {
  return url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
}

export async function fetchDocument(
  url: URL,
  kind: DocumentKind,
  trust: FetchTrust,
  limits: FetchLimits,
  signal?: AbortSignal,
  extraHeaders: Readonly<Record<string, string>> = {},
): Promise<FetchResult> {
  if (url.protocol !== "https:" && !(url.protocol === "http:" && trust.allowHttp)) {
    return {
      ok: false,
      rejection: reject("untrusted_tls", `${url.origin} is not https (http needs --allow-http-providers)`),
    };
  }
  return new Promise<FetchResult>((resolve) => {
    const host = hostOf(url);
    const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
    let socket: TLSSocket | undefined;
    let request: http.ClientRequest | undefined;
    let verdict: TlsVerdict | undefined;
    let settled = false;
    const finish = (result: FetchResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      request?.destroy();
      socket?.destroy();
      resolve(result);
    };
    const unreachable = (detail: string) =>
      finish({ ok: false, rejection: reject("jwks_unreachable", `${url.href}: ${detail}`) });
    const onAbort = () => unreachable("aborted (verifier closed)");
    const timer = setTimeout(() => unreachable(`no complete answer within ${limits.timeoutMs} ms`), limits.timeoutMs);
    signal?.addEventListener("abort", onAbort);
    if (signal?.aborted) return onAbort();

    const send = (createConnection?: () => TLSSocket): void => {
      const options: http.RequestOptions = {
        host,
        port,
        path: `${url.pathname}${url.search}`,
        method: "GET",
        headers: { accept: "application/json", "user-agent": "idpool", ...extraHeaders, host: url.host },
      };
      if (createConnection) options.createConnection = createConnection;
      else options.agent = false;
      request = http.request(options, (response) => readBody(response, url, kind, limits, verdict, finish));
      request.on("error", (error) => unreachable(error.message));
      request.end();
    };
    if (url.protocol === "http:") return send();

    const connectOptions: tls.ConnectionOptions = {
      host,
      port,
      secureContext: trust.secureContext(),
      // Judged below, after the handshake, with the rules tls.connect does not know.
      rejectUnauthorized: false,
      checkServerIdentity: () => undefined,
      ALPNProtocols: ["http/1.1"],
    };
    if (isIP(host) === 0) connectOptions.servername = host; // SNI takes names only (RFC 6066 §3)
    const tlsSocket = tls.connect(connectOptions);
    socket = tlsSocket;
    tlsSocket.once("error", (error: NodeJS.ErrnoException) => unreachable(error.code ?? error.message));
    tlsSocket.once("secureConnect", () => {
      verdict = judgeConnection(tlsSocket, host, trust);
      if (!verdict.ok) return finish({ ok: false, rejection: verdict.rejection });
      send(() => tlsSocket);
    });
  });
}

function readBody(
  response: IncomingMessage,
  url: URL,
  kind: DocumentKind,
  limits: FetchLimits,
  verdict: TlsVerdict | undefined,
  finish: (result: FetchResult) => void,
): void {
  const status = response.statusCode ?? 0;
  if (status >= 300 && status < 400) {
    // Never follow: the only URLs fetched are the ones derived from the registration.
    const detail = `${url.href}: HTTP ${status} redirect to ${response.headers.location ?? "?"} not followed`;
    finish({ ok: false, rejection: reject("jwks_unreachable", detail) });
    return;
  }
  if (status !== 200) {
    finish({ ok: false, rejection: reject("jwks_unreachable", `${url.href}: HTTP ${status}`), httpStatus: status });
    return;
  }
  const tooLarge = () =>
    finish({
      ok: false,
      rejection: reject(invalidReason(kind), `${url.href}: larger than ${limits.maxResponseBytes} bytes`),
    });
  if (Number(response.headers["content-length"] ?? 0) > limits.maxResponseBytes) {
    tooLarge();
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  response.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (size > limits.maxResponseBytes) return tooLarge();
    chunks.push(chunk);
  });
  response.on("error", (error) =>
    finish({ ok: false, rejection: reject("jwks_unreachable", `${url.href}: ${error.message}`) }),
  );
  response.on("end", () => {
    const cacheControl = response.headers["cache-control"];
    finish({ ok: true, body: Buffer.concat(chunks).toString("utf8"), cacheControl, tls: verdict });
  });
}
