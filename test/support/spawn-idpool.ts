import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const MAIN = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));

export interface SpawnedIdpool {
  readonly child: ChildProcessWithoutNullStreams;
  /** Everything written to stdout so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves with the URL from the `listening on` line. */
  listening(): Promise<string>;
  exited(): Promise<number | null>;
}

/** Runs the real CLI (`idpool <args>`) from source in a child process. */
export function spawnIdpool(args: readonly string[], env: Record<string, string | undefined> = {}): SpawnedIdpool {
  const child = spawn(process.execPath, ["--import", "tsx", MAIN, ...args], {
    env: { ...process.env, IDPOOL_ROOT_ACCESS_KEY_ID: undefined, IDPOOL_ROOT_SECRET_ACCESS_KEY: undefined, ...env },
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (d: Buffer) => {
    out += d.toString("utf8");
  });
  child.stderr.on("data", (d: Buffer) => {
    err += d.toString("utf8");
  });
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited: () => exit,
    listening: () =>
      new Promise((resolve, reject) => {
        const timer = setInterval(() => {
          const match = /listening on (http:\/\/\S+)/.exec(out);
          if (match?.[1]) {
            clearInterval(timer);
            resolve(match[1]);
          }
        }, 20);
        exit.then((code) => {
          clearInterval(timer);
          reject(new Error(`idpool exited with ${code} before listening: ${err}`));
        });
      }),
  };
}
