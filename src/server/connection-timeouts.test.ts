import type { Server } from "node:http";
import { type AddressInfo, connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildRegistry } from "../protocol/index.js";
import type { Logger } from "../shared/index.js";
import { CONNECTION_TIMEOUTS } from "./connection-timeouts.js";
import { createHttpServer, type RootLogger } from "./http-server.js";

/** The production timeouts scaled down, so that the test takes a second, not a minute. */
const TIMEOUTS = { headersTimeoutMs: 300, requestTimeoutMs: 600, keepAliveTimeoutMs: 300, checkIntervalMs: 50 };
/** Node checks the header and request timeouts every checkIntervalMs; keep-alive adds a second of its own. */
const SLACK_MS = 1_500;

const quiet: Logger = { info() {}, warn() {}, error() {}, debug() {} };
const log: RootLogger = { ...quiet, child: () => quiet, flush: (cb) => cb?.() };

let server: Server;
let port: number;
beforeAll(async () => {
  server = createHttpServer(
    {
      registry: buildRegistry([]),
      authenticate: () => Promise.reject(new Error("no operation is served here")),
      log,
      getRoutes: new Map([["/healthz", async () => ({ status: 200, body: { status: "ok" } })]]),
    },
    { timeouts: TIMEOUTS },
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

interface Cutoff {
  readonly afterMs: number;
  readonly received: string;
}

/** Opens a connection, writes `start` and then whatever `drip` writes, and reports when the server closes it. */
function cutoff(start: string, drip?: string): Promise<Cutoff> {
  return new Promise((resolve) => {
    const startedMs = Date.now();
    const socket = connect(port, "127.0.0.1");
    let received = "";
    let timer: NodeJS.Timeout | undefined;
    socket.on("data", (d: Buffer) => {
      received += d.toString("latin1");
    });
    socket.on("error", () => {});
    socket.on("close", () => {
      clearInterval(timer);
      resolve({ afterMs: Date.now() - startedMs, received });
    });
    // Whatever happens, the test ends: a connection still open after this long is a failure.
    setTimeout(() => socket.destroy(), 10_000).unref();
    if (start) socket.write(start);
    if (drip) timer = setInterval(() => socket.writable && socket.write(drip), 50);
  });
}

const healthz = async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).status;

describe("connection timeouts", () => {
  it("cuts off a client that sends half a request line, while others are served meanwhile", async () => {
    const slow = cutoff("GET /heal");
    const served = await Promise.all([healthz(), healthz(), healthz()]);
    expect(served).toEqual([200, 200, 200]);
    const { afterMs, received } = await slow;
    expect(afterMs).toBeGreaterThanOrEqual(TIMEOUTS.headersTimeoutMs - 50);
    expect(afterMs).toBeLessThan(TIMEOUTS.headersTimeoutMs + SLACK_MS);
    expect(received === "" || received.startsWith("HTTP/1.1 408")).toBe(true);
  });

  it("cuts off a connection that sends nothing", async () => {
    const { afterMs } = await cutoff("");
    expect(afterMs).toBeLessThan(TIMEOUTS.headersTimeoutMs + SLACK_MS);
  });

  it("cuts off headers that trickle in without end", async () => {
    const { afterMs } = await cutoff("POST / HTTP/1.1\r\nhost: x\r\n", "x-slow: 1\r\n");
    expect(afterMs).toBeLessThan(TIMEOUTS.headersTimeoutMs + SLACK_MS);
  });

  it("cuts off a body that trickles in, one byte at a time", async () => {
    const head =
      "POST / HTTP/1.1\r\nhost: x\r\ncontent-type: application/x-amz-json-1.1\r\ncontent-length: 1000\r\n\r\n";
    const { afterMs, received } = await cutoff(head, "a");
    expect(afterMs).toBeGreaterThanOrEqual(TIMEOUTS.requestTimeoutMs - 50);
    expect(afterMs).toBeLessThan(TIMEOUTS.requestTimeoutMs + SLACK_MS);
    expect(received === "" || received.startsWith("HTTP/1.1 408")).toBe(true);
  });

  it("closes a kept-alive connection that stays idle, after answering its request", async () => {
    const { afterMs, received } = await cutoff("GET /healthz HTTP/1.1\r\nhost: x\r\n\r\n");
    expect(received).toMatch(/^HTTP\/1\.1 200 /);
    expect(afterMs).toBeLessThan(TIMEOUTS.keepAliveTimeoutMs + SLACK_MS);
  });

  it("keeps a client that sends its next request within the keep-alive time", async () => {
    const socket = connect(port, "127.0.0.1");
    let received = "";
    socket.on("data", (d: Buffer) => {
      received += d.toString("latin1");
    });
    const request = "GET /healthz HTTP/1.1\r\nhost: x\r\n\r\n";
    socket.write(request);
    await new Promise((resolve) => setTimeout(resolve, TIMEOUTS.keepAliveTimeoutMs / 2));
    socket.write(request);
    await new Promise((resolve) => setTimeout(resolve, 100));
    socket.destroy();
    expect(received.match(/HTTP\/1\.1 200 /g)).toHaveLength(2);
  });

  it("has production values Node accepts and checks often enough to matter", () => {
    expect(CONNECTION_TIMEOUTS.headersTimeoutMs).toBeLessThanOrEqual(CONNECTION_TIMEOUTS.requestTimeoutMs);
    expect(CONNECTION_TIMEOUTS.checkIntervalMs).toBeLessThanOrEqual(CONNECTION_TIMEOUTS.headersTimeoutMs / 5);
  });
});
