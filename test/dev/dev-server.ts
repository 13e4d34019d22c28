/** A bare node:http server that hands every request to `TestProviders.handle`, as `idpool dev` does. */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { type DevResponse, type TestProviderSpec, TestProviders } from "../../src/dev/index.js";
import { cryptoIds, systemClock } from "../../src/shared/index.js";
import { memoryStore, silentLogger } from "../support/unit.js";

export interface DevServer {
  /** `http://127.0.0.1:<port>` */
  readonly base: string;
  readonly providers: TestProviders;
  stop(): Promise<void>;
}

export async function startDevServer(specs: readonly TestProviderSpec[]): Promise<DevServer> {
  const store = await memoryStore();
  let base = "";
  const providers = new TestProviders(
    { store, clock: systemClock, ids: cryptoIds, log: silentLogger, baseUrl: () => base },
    specs,
  );
  await providers.start();
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? "/", "http://localhost");
    const answer: DevResponse = (await providers.handle({
      method: req.method ?? "GET",
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: Buffer.concat(chunks),
    })) ?? { status: 404, headers: {}, body: "" };
    res.writeHead(answer.status, answer.headers).end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    providers,
    async stop() {
      await new Promise((resolve) => server.close(resolve));
      await store.close();
    },
  };
}
