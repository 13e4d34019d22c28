/**
 * A black-holed provider: a TCP server on 127.0.0.1 that accepts connections and never answers, so
 * an HTTPS client hangs in the TLS handshake until its own deadline. This is what an identity
 * provider behind a dropped route or a wedged load balancer looks like from idpool.
 */
import { createServer, type Socket } from "node:net";

export interface BlackHole {
  port: number;
  /** Connections accepted so far. */
  accepted(): number;
  /** Connections the client has not given up on yet. */
  open(): number;
  close(): Promise<void>;
}

/** Listens on `port` (0: any free one); pass a stopped test provider's port to black-hole its URL. */
export async function startBlackHole(port = 0): Promise<BlackHole> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server = createServer((socket) => {
    accepted += 1;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined); // the client resetting is expected
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  const address = server.address();
  return {
    port: typeof address === "object" && address ? address.port : 0,
    accepted: () => accepted,
    open: () => sockets.size,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
