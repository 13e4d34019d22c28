/**
 * The HTTP floor: node:http answering a fixed JSON body to any POST, after reading the request
 * body as idpool does, with the same number of processes (node:cluster) as the server measured.
 * With `rs256`, the floor of a first-seen request: it also verifies the JWT found in each request's
 * body (RS256 through node:crypto, as idpool verifies it, with the public JWK in BENCH_RS256_JWK,
 * imported once) before answering, and answers 400 if it does not verify; nothing is remembered
 * between requests.
 * Run: node --import tsx bench/floor-server.ts <workers> [rs256]
 */
import cluster from "node:cluster";
import { createPublicKey, verify as verifySignature } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const workers = Number(process.argv[2] ?? "1");
const verifying = process.argv[3] === "rs256";
const BODY = JSON.stringify({ IdentityId: "us-east-1:00000000-0000-4000-a000-000000000000" });
const HEADERS = { "content-type": "application/x-amz-json-1.1", "content-length": Buffer.byteLength(BODY) };
/** A compact JWS in a JSON or form body (base64url and dots are left as they are by both). */
const JWT = /eyJ[\w-]*\.[\w-]+\.[\w-]+/;

async function verifier(): Promise<((body: string) => Promise<boolean>) | undefined> {
  if (!verifying) return undefined;
  const key = createPublicKey({ key: JSON.parse(process.env.BENCH_RS256_JWK ?? "{}"), format: "jwk" });
  return async (body) => {
    const [header, payload, signature] = JWT.exec(body)?.[0]?.split(".") ?? [];
    if (!header || !payload || !signature) return false;
    const input = Buffer.from(`${header}.${payload}`, "utf8");
    return verifySignature("RSA-SHA256", input, key, Buffer.from(signature, "base64url"));
  };
}

async function serve(): Promise<void> {
  const verify = await verifier();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      if (!verify) {
        res.writeHead(200, HEADERS);
        res.end(BODY);
        return;
      }
      void verify(body.toString("utf8")).then((ok) => {
        res.writeHead(ok ? 200 : 400, HEADERS);
        res.end(BODY);
      });
    });
  });
  server.keepAliveTimeout = 65_000;
  server.listen(0, "127.0.0.1", () => {
    if (!cluster.isWorker)
      process.stdout.write(`floor listening on http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
  });
  process.on("SIGTERM", () => server.close(() => process.exit(0)));
}

if (workers > 1 && cluster.isPrimary) {
  let listening = 0;
  cluster.on("listening", (_worker, address) => {
    listening += 1;
    if (listening === workers) process.stdout.write(`floor listening on http://127.0.0.1:${address.port}\n`);
  });
  for (let i = 0; i < workers; i++) cluster.fork();
  process.on("SIGTERM", () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    cluster.on("exit", () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  });
} else {
  await serve();
}
