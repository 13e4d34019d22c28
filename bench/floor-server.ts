/**
 * The HTTP floor: node:http answering a fixed JSON body to any POST, after reading the request
 * body as idpool does, with the same number of processes (node:cluster) as the server measured.
 * Run: node --import tsx bench/floor-server.ts <workers>
 */
import cluster from "node:cluster";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const workers = Number(process.argv[2] ?? "1");
const BODY = JSON.stringify({ IdentityId: "us-east-1:00000000-0000-4000-a000-000000000000" });
const HEADERS = { "content-type": "application/x-amz-json-1.1", "content-length": Buffer.byteLength(BODY) };

function serve(): void {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      Buffer.concat(chunks);
      res.writeHead(200, HEADERS);
      res.end(BODY);
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
  serve();
}
