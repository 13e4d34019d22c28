/**
 * A test OpenID provider over HTTPS on 127.0.0.1 (URL `https://localhost:<port>`, matching the
 * test CA's leaf): discovery, JWKS, key rotation, outages, request counting, and tokens with any
 * header and claims. Reused by the identity-pool end-to-end suites, so keep the API stable.
 *
 *   const idp = await startTestOidcProvider();
 *   const token = await idp.issueToken({ sub: "user-1" });
 *   ... verify against { url: idp.url, clientIds: [idp.clientId], thumbprints: [ca.intermediate.thumbprint] }
 *   await idp.stop();
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer as createHttpServer } from "node:http";
import { createServer } from "node:https";
import type { Socket } from "node:net";
import { CompactSign, type CryptoKey, exportJWK, generateKeyPair, type JWK } from "jose";
import { sharedTestCa, type TestCa } from "./test-ca.js";

export type ServedChain = "leaf" | "wrong-host" | "untrusted";

export interface TestOidcProviderOptions {
  /** Default: the process-wide shared test CA. */
  ca?: TestCa;
  /** Which certificate chain the server presents. Default "leaf" (leaf + intermediate). */
  chain?: ServedChain;
  /** Default client id, used as the default `aud`. Default "client-a". */
  clientId?: string;
  /** Signing algorithm of issued tokens. Default RS256 (the key is RSA unless alg is ES*). */
  alg?: string;
  /** Issuer path after the host, e.g. "/tenant-1". Default none. */
  path?: string;
  /** Time source for default iat/exp. Default Date.now. */
  nowMs?: () => number;
  /** Cache-Control header of the JWKS response. Default none. */
  cacheControl?: string;
  /** Serve this key and PEM chain instead of one of the CA's (e.g. a forged chain). */
  customChain?: { keyPem: string; certPem: string };
  /** Plain http:// (for --allow-http-providers tests); no TLS at all. */
  http?: boolean;
}

export interface IssueOptions {
  /** Extra or replacing protected-header fields (e.g. jku, jwk, crit). */
  header?: Record<string, unknown>;
  /** Another kid in the header; null leaves kid out. Default: the signing key's kid. */
  kid?: string | null;
  alg?: string;
  /** Default claims to leave out (e.g. ["exp"], ["aud"]). */
  omit?: readonly string[];
  /** Sign with this key instead of the provider's current one (e.g. an attacker's). */
  signingKey?: CryptoKey;
  /** Sign with the provider's key of this kid (e.g. a previous one). */
  signingKid?: string;
}

/** Answers a request instead of the built-in routes; return false to fall through. */
export type RouteOverride = (req: IncomingMessage, res: ServerResponse) => boolean;

export interface TestOidcProvider {
  url: string;
  loginsKey: string;
  port: number;
  clientId: string;
  ca: TestCa;
  discoveryPath: string;
  jwksPath: string;
  currentKid(): string;
  /** Signs `claims` over the defaults (iss, sub "user-1", aud clientId, iat now, exp now + 1 h). */
  issueToken(claims?: Record<string, unknown>, options?: IssueOptions): Promise<string>;
  /** New current key and kid; the old public key stays published unless keepPrevious is false. */
  rotateKeys(options?: { keepPrevious?: boolean }): Promise<string>;
  /**
   * Publishes only a new key (the whole set replaced at once). The replaced keys still sign through
   * `signingKid`, for tokens a client obtained before the replacement.
   */
  replaceKeys(): Promise<string>;
  publishedJwks(): { keys: JWK[] };
  requestCount(path: string): number;
  resetCounts(): void;
  setCacheControl(value: string | undefined): void;
  /** While down, every connection is reset before TLS completes. */
  setDown(down: boolean): void;
  setResponseDelayMs(ms: number): void;
  setOverride(override: RouteOverride | undefined): void;
  /** Serves this key and PEM chain from the next TLS handshake on (the provider changing CA). */
  setChain(chain: { keyPem: string; certPem: string }): void;
  stop(): Promise<void>;
}

interface KeyEntry {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

function chainFor(ca: TestCa, chain: ServedChain): { key: string; cert: string } {
  if (chain === "wrong-host") return { key: ca.wrongHostLeaf.keyPem, cert: ca.wrongHostChainPem };
  if (chain === "untrusted") return { key: ca.otherLeaf.keyPem, cert: ca.otherChainPem };
  return { key: ca.leaf.keyPem, cert: ca.leafChainPem };
}

export async function startTestOidcProvider(options: TestOidcProviderOptions = {}): Promise<TestOidcProvider> {
  const ca = options.ca ?? (await sharedTestCa());
  const alg = options.alg ?? "RS256";
  const clientId = options.clientId ?? "client-a";
  const path = options.path ?? "";
  const nowMs = options.nowMs ?? Date.now;
  let keys: KeyEntry[] = [];
  /** Keys replaceKeys took out of the published set. */
  const replaced: KeyEntry[] = [];
  let cacheControl = options.cacheControl;
  let down = false;
  let delayMs = 0;
  let override: RouteOverride | undefined;
  let generation = 0;
  const counts = new Map<string, number>();
  const sockets = new Set<Socket>();

  const newKey = async (): Promise<KeyEntry> => {
    const pair = await generateKeyPair(alg, { extractable: true });
    generation += 1;
    const kid = `test-key-${generation}-${Math.random().toString(36).slice(2, 8)}`;
    const publicJwk = { ...(await exportJWK(pair.publicKey)), kid, use: "sig" };
    return { kid, privateKey: pair.privateKey, publicJwk };
  };
  keys = [await newKey()];

  const discoveryPath = `${path}/.well-known/openid-configuration`;
  const jwksPath = `${path}/.well-known/jwks.json`;
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const reqPath = (req.url ?? "/").split("?")[0] ?? "/";
    counts.set(reqPath, (counts.get(reqPath) ?? 0) + 1);
    const answer = () => {
      if (override?.(req, res)) return;
      const json = (body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(200, { "content-type": "application/json", ...headers });
        res.end(JSON.stringify(body));
      };
      if (reqPath === discoveryPath) {
        return json({
          issuer: url,
          jwks_uri: `${url}/.well-known/jwks.json`,
          id_token_signing_alg_values_supported: [alg],
        });
      }
      if (reqPath === jwksPath)
        return json({ keys: keys.map((k) => k.publicJwk) }, cacheControl ? { "cache-control": cacheControl } : {});
      res.writeHead(404).end();
    };
    if (delayMs > 0) setTimeout(answer, delayMs);
    else answer();
  };
  const tlsOptions = options.customChain
    ? { key: options.customChain.keyPem, cert: options.customChain.certPem }
    : chainFor(ca, options.chain ?? "leaf");
  const server = options.http ? createHttpServer(handler) : createServer(tlsOptions, handler);
  server.on("connection", (socket: Socket) => {
    if (down) return socket.destroy();
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const loginsKey = `localhost:${port}${path}`;
  const url = `${options.http ? "http" : "https"}://${loginsKey}`;

  const issueToken = async (claims: Record<string, unknown> = {}, opts: IssueOptions = {}): Promise<string> => {
    const nowSeconds = Math.floor(nowMs() / 1000);
    const payload: Record<string, unknown> = {
      iss: url,
      sub: "user-1",
      aud: clientId,
      iat: nowSeconds,
      exp: nowSeconds + 3600,
      ...claims,
    };
    for (const name of opts.omit ?? []) delete payload[name];
    const signer = opts.signingKid ? [...keys, ...replaced].find((k) => k.kid === opts.signingKid) : keys[0];
    if (!signer && !opts.signingKey) throw new Error(`test provider: no key ${opts.signingKid}`);
    const kid = opts.kid === undefined ? signer?.kid : opts.kid;
    const header: Record<string, unknown> = {
      alg: opts.alg ?? alg,
      typ: "JWT",
      ...(kid === null ? {} : { kid }),
      ...opts.header,
    };
    const crit = Array.isArray(header.crit)
      ? Object.fromEntries(header.crit.map((name) => [String(name), true]))
      : undefined;
    const key = opts.signingKey ?? signer?.privateKey;
    if (!key) throw new Error("test provider: no signing key");
    return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
      .setProtectedHeader({ ...header, alg: String(header.alg) })
      .sign(key, crit ? { crit } : {});
  };

  return {
    url,
    loginsKey,
    port,
    clientId,
    ca,
    discoveryPath,
    jwksPath,
    currentKid: () => keys[0]?.kid ?? "",
    issueToken,
    rotateKeys: async ({ keepPrevious = true } = {}) => {
      const next = await newKey();
      keys = keepPrevious ? [next, ...keys] : [next];
      return next.kid;
    },
    replaceKeys: async () => {
      const next = await newKey();
      replaced.push(...keys);
      keys = [next];
      return next.kid;
    },
    publishedJwks: () => ({ keys: keys.map((k) => k.publicJwk) }),
    requestCount: (p) => counts.get(p) ?? 0,
    resetCounts: () => counts.clear(),
    setCacheControl: (value) => {
      cacheControl = value;
    },
    setDown: (value) => {
      down = value;
      if (value) for (const socket of sockets) socket.destroy();
    },
    setResponseDelayMs: (ms) => {
      delayMs = ms;
    },
    setOverride: (value) => {
      override = value;
    },
    setChain: (chain) => {
      if (!("setSecureContext" in server)) throw new Error("test provider: plain http has no chain");
      server.setSecureContext({ key: chain.keyPem, cert: chain.certPem });
    },
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
