import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.js";

/**
 * A body over the 1 MiB limit is refused with 413 in the protocol's error shape, and the client
 * must be able to read that answer: closing a socket that still has unread request bytes makes
 * the kernel send a reset, which can destroy the response before the client reads it (RFC 9112
 * §9.6). Raw sockets, so that a reset shows as a reset and not as an SDK retry.
 */
let server: TestServer;
let port: number;
beforeAll(async () => {
  server = await startTestServer();
  port = server.app.port;
});
afterAll(async () => {
  await server.stop();
});

const MIB = 1024 * 1024;
const CHUNK_BYTES = 64 * 1024;

interface Exchange {
  /** Every byte the server sent before the connection ended. */
  readonly received: Buffer;
  /** The socket error the client saw (ECONNRESET, EPIPE), or "timeout". */
  readonly error: string | undefined;
  /** Request bytes the client managed to write. */
  readonly sentBytes: number;
}

/** Sends `head`, then `bodyBytes` bytes (with Content-Length, or chunked), and reads until the server closes. */
function exchange(
  head: string,
  bodyBytes: number,
  framing: "length" | "chunked",
  timeoutMs = 15_000,
): Promise<Exchange> {
  return new Promise((resolve) => {
    // Half-open allowed: like an HTTP client busy sending its body, it goes on writing after the
    // server's FIN, until it has sent everything or a write fails.
    const socket = connect({ port, host: "127.0.0.1", allowHalfOpen: true });
    const received: Buffer[] = [];
    let error: string | undefined;
    let sentBytes = 0;
    let closed = false;
    const timer = setTimeout(() => {
      error ??= "timeout";
      socket.destroy();
    }, timeoutMs);
    socket.on("data", (d: Buffer) => received.push(d));
    socket.on("error", (e: NodeJS.ErrnoException) => {
      error ??= e.code ?? e.message;
    });
    socket.on("close", () => {
      closed = true;
      clearTimeout(timer);
      resolve({ received: Buffer.concat(received), error, sentBytes });
    });
    const framingHeader = framing === "length" ? `content-length: ${bodyBytes}` : "transfer-encoding: chunked";
    const write = (data: string | Buffer): Promise<void> =>
      new Promise((done) => {
        if (closed || socket.destroyed) return done();
        if (socket.write(data)) return done();
        const next = () => {
          socket.off("drain", next);
          socket.off("close", next);
          done();
        };
        socket.on("drain", next);
        socket.on("close", next);
      });
    void (async () => {
      await write(`${head}\r\n${framingHeader}\r\n\r\n`);
      for (let left = bodyBytes; left > 0 && !closed; ) {
        const size = Math.min(CHUNK_BYTES, left);
        const chunk = Buffer.alloc(size, 0x61);
        await write(
          framing === "length"
            ? chunk
            : Buffer.concat([Buffer.from(`${size.toString(16)}\r\n`), chunk, Buffer.from("\r\n")]),
        );
        left -= size;
        sentBytes += size;
        // As a sender on a real network: the body arrives over time, not all in one read.
        await new Promise((next) => setImmediate(next));
      }
      if (framing === "chunked") await write("0\r\n\r\n");
      socket.end();
    })();
  });
}

interface ParsedResponse {
  readonly status: number;
  readonly headers: ReadonlyMap<string, string>;
  readonly body: string;
  /** The body is as long as Content-Length says. */
  readonly complete: boolean;
}

function parse(bytes: Buffer): ParsedResponse | undefined {
  const end = bytes.indexOf("\r\n\r\n");
  if (end < 0) return undefined;
  const [statusLine = "", ...lines] = bytes.subarray(0, end).toString("latin1").split("\r\n");
  const headers = new Map(
    lines.map((line) => {
      const colon = line.indexOf(":");
      return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()] as const;
    }),
  );
  const body = bytes.subarray(end + 4);
  const length = Number(headers.get("content-length") ?? Number.NaN);
  return {
    status: Number(statusLine.split(" ")[1]),
    headers,
    body: body.toString("utf8"),
    complete: body.length === length,
  };
}

const JSON_HEAD = [
  "POST / HTTP/1.1",
  "host: 127.0.0.1",
  "content-type: application/x-amz-json-1.1",
  "x-amz-target: AWSCognitoIdentityService.GetId",
].join("\r\n");
const QUERY_HEAD = [
  "POST / HTTP/1.1",
  "host: 127.0.0.1",
  "content-type: application/x-www-form-urlencoded; charset=utf-8",
].join("\r\n");

const isJsonTooLarge = (body: string) =>
  (JSON.parse(body) as { __type?: string }).__type === "RequestEntityTooLargeException";
const isQueryTooLarge = (body: string) =>
  body.startsWith("<ErrorResponse") && body.includes("<Code>RequestEntityTooLarge</Code>");

const CASES = [
  {
    name: "JSON 1.1, 1 MiB + 1 byte with Content-Length",
    head: JSON_HEAD,
    bytes: MIB + 1,
    framing: "length",
    ok: isJsonTooLarge,
  },
  {
    name: "JSON 1.1, 8 MiB streamed in chunks",
    head: JSON_HEAD,
    bytes: 8 * MIB,
    framing: "chunked",
    ok: isJsonTooLarge,
  },
  {
    name: "Query, 1 MiB + 1 byte with Content-Length",
    head: QUERY_HEAD,
    bytes: MIB + 1,
    framing: "length",
    ok: isQueryTooLarge,
  },
  {
    name: "Query, 8 MiB streamed in chunks",
    head: QUERY_HEAD,
    bytes: 8 * MIB,
    framing: "chunked",
    ok: isQueryTooLarge,
  },
] as const;

const ATTEMPTS = 20;

/** What went wrong with one exchange, or "ok". */
function verdict(result: Exchange, ok: (body: string) => boolean): string {
  const response = parse(result.received);
  const got = !response
    ? `no response (${result.received.length} bytes)`
    : response.status !== 413
      ? `status ${response.status}`
      : !response.complete
        ? "incomplete 413"
        : ok(response.body)
          ? "413"
          : `wrong body ${response.body.slice(0, 80)}`;
  // A client that sees its write fail (EPIPE, ECONNRESET) reports that, not the 413 it was sent.
  return result.error ? `${got}, then ${result.error}` : got === "413" ? "ok" : got;
}

describe("a body over the 1 MiB limit", () => {
  for (const c of CASES) {
    it(`answers ${c.name} with the complete 413, ${ATTEMPTS} times out of ${ATTEMPTS}`, async () => {
      const verdicts: string[] = [];
      for (let i = 0; i < ATTEMPTS; i++) verdicts.push(verdict(await exchange(c.head, c.bytes, c.framing), c.ok));
      expect(verdicts).toEqual(Array(ATTEMPTS).fill("ok"));
    });
  }

  it("answers ten concurrent oversized bodies with the complete 413 each", async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => {
        const c = CASES[i % CASES.length] ?? CASES[0];
        return exchange(c.head, c.bytes, c.framing).then((r) => verdict(r, c.ok));
      }),
    );
    expect(results).toEqual(Array(10).fill("ok"));
  });

  it("stops reading a body that goes on far past the limit", async () => {
    // Discarding is bounded (16 MiB past the limit); the socket buffers take a few more.
    const result = await exchange(JSON_HEAD, 256 * MIB, "chunked");
    expect(result.error).not.toBe("timeout");
    expect(result.sentBytes).toBeLessThan(32 * MIB);
  });

  it("keeps serving afterwards", async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const res = await fetch(`${server.url}/`, {
      method: "POST",
      headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AWSCognitoIdentityService.Nope" },
      body: "{}",
    });
    expect(res.status).toBe(400);
  });
});
