/**
 * The certificate chains of a provider's discovery and jwks_uri hosts, as `idpool thumbprint`
 * shows them: what each server sends, whether the chain verifies against the trust store, whether
 * the host name matches, and which certificate AWS would store as the thumbprint: the last one the
 * server sends (reference §7.3; "the top intermediate CA").
 */
import type { X509Certificate } from "node:crypto";
import { isIP } from "node:net";
import tls from "node:tls";
import { discoveryUrl } from "./discovery.js";
import { fetchDocument } from "./https-fetch.js";
import { createTrustStoreContext, peerChain, sha1Thumbprint } from "./tls-trust.js";

export interface ChainCertificate {
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  /** SHA-1 of the DER, 40 lower-case hex digits. */
  thumbprint: string;
  /** "served" by the server, or the root the chain reaches in the trust store. */
  source: "served" | "trust store";
}

export interface HostChain {
  role: "discovery" | "jwks_uri";
  url: string;
  certificates: ChainCertificate[];
  /** The thumbprint AWS would store: the last certificate served. */
  awsThumbprint: string | undefined;
  trustStore: { verified: true } | { verified: false; error: string };
  hostName: { matches: true } | { matches: false; error: string };
  /** True for a jwks_uri on the discovery host: same connection rules, same chain. */
  sameHostAsDiscovery: boolean;
}

export interface ChainReport {
  hosts: HostChain[];
  /** Why the report is incomplete (e.g. no jwks_uri), if it is. */
  problem: string | undefined;
}

function describe(cert: X509Certificate, source: ChainCertificate["source"]): ChainCertificate {
  const oneLine = (dn: string) => dn.split("\n").join(", ");
  return {
    subject: oneLine(cert.subject),
    issuer: oneLine(cert.issuer),
    validFrom: cert.validFrom,
    validTo: cert.validTo,
    thumbprint: sha1Thumbprint(cert.raw),
    source,
  };
}

interface Probe {
  chain: X509Certificate[];
  authorized: boolean;
  authorizationError: string;
  hostError: string | undefined;
}

function probe(url: URL, context: tls.SecureContext, timeoutMs: number): Promise<Probe> {
  const host = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
  const options: tls.ConnectionOptions = {
    host,
    port: Number(url.port || 443),
    secureContext: context,
    rejectUnauthorized: false,
    checkServerIdentity: () => undefined,
  };
  if (isIP(host) === 0) options.servername = host;
  return new Promise((resolve, reject) => {
    const socket = tls.connect(options);
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no TLS handshake within ${timeoutMs} ms`)));
    socket.once("error", reject);
    socket.once("secureConnect", () => {
      const hostError = tls.checkServerIdentity(host, socket.getPeerCertificate())?.message;
      resolve({
        chain: peerChain(socket),
        authorized: socket.authorized,
        authorizationError: String(socket.authorizationError ?? ""),
        hostError,
      });
      socket.destroy();
    });
  });
}

/** Two handshakes: one trusting nothing (so Node adds no store root: the served chain), one against the store. */
async function inspectHost(
  role: HostChain["role"],
  url: URL,
  store: tls.SecureContext,
  timeoutMs: number,
): Promise<HostChain> {
  const served = await probe(url, tls.createSecureContext({ ca: [] }), timeoutMs);
  const checked = await probe(url, store, timeoutMs);
  const servedPrints = new Set(served.chain.map((c) => sha1Thumbprint(c.raw)));
  const certificates = [
    ...served.chain.map((c) => describe(c, "served")),
    ...checked.chain.filter((c) => !servedPrints.has(sha1Thumbprint(c.raw))).map((c) => describe(c, "trust store")),
  ];
  return {
    role,
    url: url.href,
    certificates,
    awsThumbprint: served.chain.length > 0 ? certificates[served.chain.length - 1]?.thumbprint : undefined,
    trustStore: checked.authorized ? { verified: true } : { verified: false, error: checked.authorizationError },
    hostName: served.hostError === undefined ? { matches: true } : { matches: false, error: served.hostError },
    sameHostAsDiscovery: false,
  };
}

export async function inspectProviderChains(
  providerUrl: string,
  opts: { extraCaPem?: string; timeoutMs?: number } = {},
): Promise<ChainReport> {
  const timeoutMs = opts.timeoutMs ?? 5_000;
  const discovery = discoveryUrl(providerUrl);
  if (discovery.protocol !== "https:")
    return { hosts: [], problem: `${providerUrl} is not https: thumbprints apply to TLS only` };
  const store = createTrustStoreContext(opts.extraCaPem);
  const first = await inspectHost("discovery", discovery, store, timeoutMs);
  // Read jwks_uri over a connection pinned to the chain just seen: this command reports what a host
  // presents, before anyone has decided to trust it.
  const pins = first.certificates.map((c) => c.thumbprint);
  const trust = {
    secureContext: () => store,
    thumbprints: pins,
    trustPublicCa: false,
    allowHttp: false,
    nowMs: Date.now(),
  };
  const document = await fetchDocument(discovery, "discovery", trust, { timeoutMs, maxResponseBytes: 512 * 1024 });
  if (!document.ok)
    return { hosts: [first], problem: `cannot read the discovery document: ${document.rejection.detail}` };
  let jwksUri: URL;
  try {
    jwksUri = new URL(String((JSON.parse(document.body) as { jwks_uri?: unknown }).jwks_uri));
  } catch {
    return { hosts: [first], problem: `${discovery.href} has no usable jwks_uri` };
  }
  if (jwksUri.protocol !== "https:") return { hosts: [first], problem: `jwks_uri ${jwksUri.href} is not https` };
  if (jwksUri.host === discovery.host)
    return {
      hosts: [first, { ...first, role: "jwks_uri", url: jwksUri.href, sameHostAsDiscovery: true }],
      problem: undefined,
    };
  return { hosts: [first, await inspectHost("jwks_uri", jwksUri, store, timeoutMs)], problem: undefined };
}
