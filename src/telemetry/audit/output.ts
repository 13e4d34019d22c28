/** Where the audit trail's lines go: a file opened for appending, or stdout (`--audit-log -`). */
import { type FileHandle, open } from "node:fs/promises";

export interface AuditOutput {
  /** For log lines: the path, or `stdout`. */
  readonly name: string;
  /** Opens the target, or opens it again (log rotation), closing what was open. */
  open(): Promise<void>;
  write(text: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * A file opened with O_APPEND (flag `a`): every write lands at the end even when another program
 * appends too. After a rotation (rename, then SIGHUP) `open()` makes a new file at the path.
 */
export function fileOutput(path: string): AuditOutput {
  let handle: FileHandle | undefined;
  const closeQuietly = async (h: FileHandle | undefined) => {
    // Closing a handle whose writes failed (a full disk) can fail again; the failure is reported already.
    await h?.close().catch(() => {});
  };
  return {
    name: path,
    async open() {
      const previous = handle;
      handle = undefined;
      await closeQuietly(previous);
      handle = await open(path, "a", 0o600);
    },
    async write(text) {
      if (!handle) throw new Error(`${path} is not open`);
      // FileHandle.appendFile writes the whole buffer, looping over short writes.
      await handle.appendFile(text, "utf8");
    },
    async close() {
      const previous = handle;
      handle = undefined;
      await closeQuietly(previous);
    },
  };
}

/** A stream the service does not own (stdout): never closed, nothing to reopen. */
export function streamOutput(stream: NodeJS.WritableStream, name: string): AuditOutput {
  return {
    name,
    async open() {},
    write: (text) =>
      new Promise<void>((resolve, reject) => {
        stream.write(text, (error) => (error ? reject(error) : resolve()));
      }),
    async close() {},
  };
}
