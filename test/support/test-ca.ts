/**
 * A throwaway PKI made with the openssl CLI at test time, so no key material lives in the repository:
 * root CA → intermediate CA → leaf for `localhost` / 127.0.0.1, a leaf of the same intermediate for
 * another host name (to prove host names are checked even when a thumbprint matches), and a second,
 * untrusted root with its own `localhost` leaf. Reusable by any suite that needs HTTPS on localhost.
 */
import { execFile } from "node:child_process";
import { createHash, X509Certificate } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface TestCertificate {
  /** PEM of this certificate alone. */
  certPem: string;
  /** PEM private key (PKCS#8) of this certificate. */
  keyPem: string;
  /** SHA-1 of the DER, 40 lower-case hex digits: what IAM stores as a thumbprint. */
  thumbprint: string;
}

export interface TestCa {
  root: TestCertificate;
  intermediate: TestCertificate;
  /** `localhost` and IP 127.0.0.1, issued by the intermediate. */
  leaf: TestCertificate;
  /** Same intermediate, but for `wrong-host.test` only. */
  wrongHostLeaf: TestCertificate;
  /** A root nobody trusts, and its `localhost` leaf. */
  otherRoot: TestCertificate;
  otherLeaf: TestCertificate;
  /**
   * A `localhost` leaf from an impostor CA that has the intermediate's exact name (and no key
   * identifiers), so name-based chain building links it to the real intermediate; only a
   * signature check tells them apart.
   */
  forgedLeaf: TestCertificate;
  /** What a server should serve: leaf then intermediate (the root is never served). */
  leafChainPem: string;
  wrongHostChainPem: string;
  otherChainPem: string;
  /** forgedLeaf followed by the real intermediate. */
  forgedChainPem: string;
}

export function sha1Thumbprint(pem: string): string {
  return createHash("sha1").update(new X509Certificate(pem).raw).digest("hex");
}

async function openssl(dir: string, args: string[]): Promise<void> {
  await run("openssl", args, { cwd: dir });
}

async function read(dir: string, name: string): Promise<TestCertificate> {
  const certPem = await readFile(join(dir, `${name}.pem`), "utf8");
  const keyPem = await readFile(join(dir, `${name}.key`), "utf8");
  return { certPem, keyPem, thumbprint: sha1Thumbprint(certPem) };
}

const CA_EXT = [
  "basicConstraints=critical,CA:TRUE",
  "keyUsage=critical,keyCertSign,cRLSign",
  "subjectKeyIdentifier=hash",
  "authorityKeyIdentifier=keyid",
].join("\n");

function leafExt(san: string): string {
  return [
    "basicConstraints=critical,CA:FALSE",
    "keyUsage=critical,digitalSignature",
    "extendedKeyUsage=serverAuth",
    `subjectAltName=${san}`,
    "subjectKeyIdentifier=hash",
    "authorityKeyIdentifier=keyid",
  ].join("\n");
}

async function selfSigned(dir: string, name: string, cn: string, ext = CA_EXT): Promise<void> {
  // A private config so the machine's openssl.cnf cannot add or clash with extensions.
  const config = ["[req]", "distinguished_name = dn", "prompt = no", "[dn]", `CN = ${cn}`, "[v3]", ext]
    .join("\n")
    .replace("\nauthorityKeyIdentifier=keyid", "");
  await writeFile(join(dir, `${name}.cnf`), config);
  await openssl(dir, ["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", `${name}.sec1`]);
  await openssl(dir, ["pkcs8", "-topk8", "-nocrypt", "-in", `${name}.sec1`, "-out", `${name}.key`]);
  await openssl(dir, [
    ...["req", "-x509", "-new", "-key", `${name}.key`, "-out", `${name}.pem`, "-days", "30", "-sha256"],
    ...["-config", `${name}.cnf`, "-extensions", "v3"],
  ]);
}

async function issued(dir: string, name: string, cn: string, issuer: string, ext: string): Promise<void> {
  await writeFile(join(dir, `${name}.ext`), ext);
  await openssl(dir, ["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", `${name}.sec1`]);
  await openssl(dir, ["pkcs8", "-topk8", "-nocrypt", "-in", `${name}.sec1`, "-out", `${name}.key`]);
  await openssl(dir, ["req", "-new", "-key", `${name}.key`, "-out", `${name}.csr`, "-subj", `/CN=${cn}`]);
  const serial = `0x${createHash("sha1").update(`${name}${Math.random()}`).digest("hex").slice(0, 16)}`;
  await openssl(dir, [
    ...["x509", "-req", "-in", `${name}.csr`, "-CA", `${issuer}.pem`, "-CAkey", `${issuer}.key`],
    ...["-set_serial", serial, "-days", "30", "-sha256", "-extfile", `${name}.ext`, "-out", `${name}.pem`],
  ]);
}

/**
 * Makes a fresh PKI (about half a second). Everything is read into memory and the temp dir removed
 * at once, so nothing is left behind however the test process ends.
 */
export async function makeTestCa(): Promise<TestCa> {
  const dir = await mkdtemp(join(tmpdir(), "idpool-test-ca-"));
  try {
    return await generate(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function generate(dir: string): Promise<TestCa> {
  await selfSigned(dir, "root", "idpool test root CA");
  await issued(dir, "intermediate", "idpool test intermediate CA", "root", CA_EXT);
  await issued(dir, "leaf", "localhost", "intermediate", leafExt("DNS:localhost,IP:127.0.0.1"));
  await issued(dir, "wronghost", "wrong-host.test", "intermediate", leafExt("DNS:wrong-host.test"));
  await selfSigned(dir, "otherroot", "untrusted test root CA");
  await issued(dir, "otherleaf", "localhost", "otherroot", leafExt("DNS:localhost,IP:127.0.0.1"));
  const noKeyIds = "\nsubjectKeyIdentifier=none\nauthorityKeyIdentifier=none";
  await selfSigned(
    dir,
    "impostor",
    "idpool test intermediate CA",
    `${CA_EXT.split("\nsubjectKeyIdentifier")[0]}${noKeyIds}`,
  );
  const forgedExt = leafExt("DNS:localhost,IP:127.0.0.1").replace(/\nsubjectKeyIdentifier[\s\S]*$/, noKeyIds);
  await issued(dir, "forgedleaf", "localhost", "impostor", forgedExt);
  const names = ["root", "intermediate", "leaf", "wronghost", "otherroot", "otherleaf", "forgedleaf"];
  const [root, intermediate, leaf, wrongHostLeaf, otherRoot, otherLeaf, forgedLeaf] = await Promise.all(
    names.map((n) => read(dir, n)),
  );
  if (!root || !intermediate || !leaf || !wrongHostLeaf || !otherRoot || !otherLeaf || !forgedLeaf) {
    throw new Error("test CA: missing certificate");
  }
  return {
    root,
    intermediate,
    leaf,
    wrongHostLeaf,
    otherRoot,
    otherLeaf,
    forgedLeaf,
    leafChainPem: leaf.certPem + intermediate.certPem,
    wrongHostChainPem: wrongHostLeaf.certPem + intermediate.certPem,
    otherChainPem: otherLeaf.certPem,
    forgedChainPem: forgedLeaf.certPem + intermediate.certPem,
  };
}

let shared: Promise<TestCa> | undefined;

/** One PKI per test process, for suites that do not care whose it is. */
export function sharedTestCa(): Promise<TestCa> {
  shared ??= makeTestCa();
  return shared;
}
