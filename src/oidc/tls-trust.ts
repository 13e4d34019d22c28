/**
 * Whether a TLS connection to an identity provider is trusted (CONTRACT.md "Trust in an identity
 * provider's keys", reference §7.3). Node does the handshake and the chain-against-trust-store check
 * (`socket.authorized`, with host-name checking switched off there); this file adds thumbprint pins
 * and always checks the host name itself.
 */
import { createHash, X509Certificate } from "node:crypto";
import tls, { type DetailedPeerCertificate, type TLSSocket } from "node:tls";
import { reject, type TokenRejection } from "./rejection.js";

/** The trust store: Node's bundled root CAs (its "system roots") plus `--extra-ca-file`. */
export function createTrustStoreContext(extraCaPem: string | undefined): tls.SecureContext {
  const extra = extraCaPem ? splitPem(extraCaPem) : [];
  if (extraCaPem !== undefined && extraCaPem.trim() !== "" && extra.length === 0) {
    throw new Error("oidc: the extra CA file holds no PEM certificate");
  }
  for (const pem of extra) new X509Certificate(pem); // throws at start-up on a broken certificate
  return tls.createSecureContext({ ca: [...tls.rootCertificates, ...extra] });
}

export function splitPem(pem: string): string[] {
  return pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}

/** IAM stores thumbprints as 40 hex digits in any case; compare lower-case, sorted, unique. */
export function normalizeThumbprints(thumbprints: readonly string[]): string[] {
  return [...new Set(thumbprints.map((t) => t.trim().toLowerCase()))].sort();
}

export function sha1Thumbprint(der: Buffer): string {
  return createHash("sha1").update(der).digest("hex");
}

/**
 * The chain as Node reports it, leaf first: the certificates the server sent, linked by issuer
 * name, plus the root from our trust store when the chain reaches one.
 */
export function peerChain(socket: TLSSocket): X509Certificate[] {
  const chain: X509Certificate[] = [];
  const seen = new Set<DetailedPeerCertificate>();
  let cert: DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
  while (cert?.raw && !seen.has(cert)) {
    seen.add(cert);
    chain.push(new X509Certificate(cert.raw));
    cert = cert.issuerCertificate;
  }
  return chain;
}

/**
 * The part of the chain in which every certificate is really signed by the next one. Node links
 * certificates by name only, and a server may send any public certificate, so without this an
 * attacker's leaf followed by a copy of the provider's (public) CA certificate would match its pin.
 */
export function signedPrefix(chain: readonly X509Certificate[]): X509Certificate[] {
  const first = chain[0];
  if (!first) return [];
  const prefix = [first];
  for (let i = 1; i < chain.length; i++) {
    const child = prefix[i - 1];
    const parent = chain[i];
    if (!child || !parent || !child.checkIssued(parent) || !child.verify(parent.publicKey)) break;
    prefix.push(parent);
  }
  return prefix;
}

function isCurrent(cert: X509Certificate, nowMs: number): boolean {
  return Date.parse(cert.validFrom) <= nowMs && nowMs <= Date.parse(cert.validTo);
}

/**
 * The CA a chain ends at, which the key-continuity watch compares from one fetch to the next: the
 * top of the signed part of the chain (the trust-store root when Node reached one), so a provider's
 * CA switching between its own intermediates (Let's Encrypt's R10/R11) is no change, while keys served
 * under another CA are. A lone certificate is known by its issuer's name instead, so that renewing a
 * leaf whose issuer is not in the chain is no change either.
 */
export interface ChainAnchor {
  /** What is compared: `sha256:<fingerprint>`, or `issuer:<DN>` for a lone certificate. */
  id: string;
  /** For operators: the CA's subject and its SHA-256 fingerprint, on one line. */
  name: string;
}

export function chainAnchor(chain: readonly X509Certificate[]): ChainAnchor | undefined {
  const signed = signedPrefix(chain);
  const top = signed[signed.length - 1];
  const oneLine = (dn: string) => dn.split("\n").join(", ");
  if (!top) return undefined;
  if (signed.length === 1) return { id: `issuer:${top.issuer}`, name: `issued by ${oneLine(top.issuer)}` };
  return { id: `sha256:${top.fingerprint256}`, name: `${oneLine(top.subject)} (SHA-256 ${top.fingerprint256})` };
}

export type TlsVerdict =
  | {
      ok: true;
      via: "thumbprint" | "trust_store" | "public_ca";
      chainThumbprints: string[];
      anchor: ChainAnchor | undefined;
    }
  | { ok: false; rejection: TokenRejection; chainThumbprints: string[] };

export interface TlsPolicy {
  /** Normalised (see normalizeThumbprints). Empty: trust the store instead. */
  thumbprints: readonly string[];
  trustPublicCa: boolean;
  nowMs: number;
}

/** Judges an established connection to `host` (a name or IP literal, without brackets). */
export function judgeConnection(socket: TLSSocket, host: string, policy: TlsPolicy): TlsVerdict {
  const chain = peerChain(socket);
  const chainThumbprints = chain.map((c) => sha1Thumbprint(c.raw));
  const fail = (rejection: TokenRejection): TlsVerdict => ({ ok: false, rejection, chainThumbprints });
  const trusted = (via: "thumbprint" | "trust_store" | "public_ca"): TlsVerdict => ({
    ok: true,
    via,
    chainThumbprints,
    anchor: chainAnchor(chain),
  });
  const leaf = chain[0];
  if (!leaf) return fail(reject("untrusted_tls", `${host} presented no certificate`));
  // Host names are checked in every case, pinned or not (CONTRACT.md).
  const hostError = tls.checkServerIdentity(host, socket.getPeerCertificate());
  if (hostError) return fail(reject("hostname_mismatch", `${host}: ${hostError.message}`));
  const storeVerified = socket.authorized;
  const storeError = String(socket.authorizationError ?? "unknown");
  if (policy.thumbprints.length > 0) {
    const signed = signedPrefix(chain);
    const matchIndex = signed.findIndex((c) => policy.thumbprints.includes(sha1Thumbprint(c.raw)));
    const matched = matchIndex >= 0 && signed.slice(0, matchIndex + 1).every((c) => isCurrent(c, policy.nowMs));
    if (matched) return trusted("thumbprint");
    if (policy.trustPublicCa && storeVerified) return trusted("public_ca");
    const why =
      matchIndex >= 0 ? "a pinned certificate matched but the chain up to it is not currently valid" : "none matched";
    const detail = `${host} chain thumbprints [${chainThumbprints.join(", ")}], registered [${policy.thumbprints.join(", ")}]: ${why}`;
    return fail(reject("thumbprint_mismatch", detail));
  }
  if (storeVerified) return trusted("trust_store");
  return fail(reject("untrusted_tls", `${host} chain does not verify against the trust store (${storeError})`));
}
