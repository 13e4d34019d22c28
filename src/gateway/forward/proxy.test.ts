import { once } from "node:events";
import { Agent, createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { EMPTY_SHA256 } from "../../auth/index.js";
import { forward, type Relay, type UpstreamRequest } from "./proxy.js";

const servers: Server[] = [];
const agent = new Agent({ keepAlive: true });

afterEach(async () => {
  agent.destroy();
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function listen(server: Server): Promise<string> {
  servers.push(server);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** An upstream that answers 200 with the body it read, and records each request it got whole. */
async function upstream(): Promise<{ url: URL; received: string[] }> {
  const received: string[] = [];
  const url = await listen(
    createServer(async (req, res) => {
      let body = "";
      for await (const chunk of req) body += chunk;
      received.push(`${req.method} ${req.url} ${body}`);
      res.writeHead(200, { "content-type": "text/plain" }).end(body);
    }),
  );
  return { url: new URL(url), received };
}

/** A front server that forwards each request it gets with `options`, and keeps each relay. */
async function front(
  target: URL,
  options: Omit<UpstreamRequest, "path" | "headers">,
): Promise<{ url: string; relays: Promise<Relay>[] }> {
  const relays: Promise<Relay>[] = [];
  const url = await listen(
    createServer((req, res) => {
      const relay = forward(req, { url: target, agent }, { path: req.url ?? "/", headers: {}, ...options });
      relays.push(relay);
      relay.then(
        (r) => r.body.pipe(res.writeHead(r.status)),
        () => res.writeHead(502).end(),
      );
    }),
  );
  return { url, relays };
}

function call(url: string, method: string, body?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/items/1`, { method }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("forward", () => {
  it("sends the upstream nothing until the scheduled write runs, then relays its answer", async () => {
    const { url: target, received } = await upstream();
    const held: Array<() => void> = [];
    const { url } = await front(target, {
      hasBody: false,
      checkBody: () => {},
      schedule: (write) => held.push(write),
    });
    const status = call(url, "GET");
    await expect.poll(() => held.length).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(received).toEqual([]);
    for (const write of held) write();
    expect(await status).toBe(200);
    expect(received).toEqual(["GET /items/1 "]);
  });

  it("schedules no end for a body that fails its check, so the upstream never gets it whole", async () => {
    const { url: target, received } = await upstream();
    let scheduled = 0;
    const hashes: string[] = [];
    const { url, relays } = await front(target, {
      hasBody: true,
      checkBody: (sha256Hex) => {
        hashes.push(sha256Hex);
        throw new Error("the body does not match its signature");
      },
      schedule: (write) => {
        scheduled++;
        write();
      },
    });
    expect(await call(url, "POST", "tampered")).toBe(502);
    await expect(relays[0]).rejects.toThrow("does not match");
    expect(hashes).toHaveLength(1);
    expect(hashes[0]).not.toBe(EMPTY_SHA256);
    expect(scheduled).toBe(0);
    expect(received).toEqual([]);
  });
});
