import type { IncomingMessage } from "node:http";

export class BodyTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`request body exceeds ${limitBytes} bytes`);
  }
}

/** Reads the whole body, refusing more than `limitBytes` without buffering the excess. */
export function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? "0");
    if (declared > limitBytes) {
      reject(new BodyTooLargeError(limitBytes));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on("data", (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limitBytes) {
        failed = true;
        reject(new BodyTooLargeError(limitBytes));
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (!failed) resolve(Buffer.concat(chunks, size));
    });
    req.on("error", (error) => {
      if (!failed) reject(error);
    });
  });
}

/**
 * Reads and throws away the rest of a refused body. Resolves true once the body has ended, false
 * when more than `maxBytes` came first or the connection broke; buffers nothing.
 */
export function discardBody(req: IncomingMessage, maxBytes: number): Promise<boolean> {
  return new Promise((resolve) => {
    if (req.complete) {
      resolve(true);
      return;
    }
    let discardedBytes = 0;
    const finish = (ended: boolean) => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("close", onClose);
      resolve(ended);
    };
    const onData = (chunk: Buffer) => {
      discardedBytes += chunk.length;
      if (discardedBytes > maxBytes) finish(false);
    };
    const onEnd = () => finish(true);
    const onClose = () => finish(req.complete);
    req.on("data", onData);
    req.once("end", onEnd);
    req.once("close", onClose);
    req.resume();
  });
}
