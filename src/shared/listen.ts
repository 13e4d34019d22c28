import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

/** `http://HOST:PORT`, with an IPv6 host in brackets (RFC 3986 §3.2.2). */
export function httpUrlOf(host: string, port: number): string {
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}

/**
 * Listens and resolves with the real port (`0` = any free one) and the URL; a listen error (a
 * port in use) rejects, described by `what` when given.
 */
export function listenOn(
  server: Server,
  host: string,
  port: number,
  what?: string,
): Promise<{ readonly port: number; readonly url: string }> {
  return new Promise((resolve, reject) => {
    const failed = (error: Error) =>
      reject(what ? new Error(`${what} cannot listen on ${host}:${port}: ${error.message}`) : error);
    server.once("error", failed);
    server.listen(port, host, () => {
      server.off("error", failed);
      const real = (server.address() as AddressInfo).port;
      resolve({ port: real, url: httpUrlOf(host, real) });
    });
  });
}

/** Stops accepting, closes idle keep-alive connections at once, and resolves when all are gone. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
