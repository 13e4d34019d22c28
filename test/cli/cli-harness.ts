/** Runs a helper command in-process with captured output (for the thumbprint and doctor suites). */
import { Command } from "commander";
import type { CliIo } from "../../src/cli/io.js";

export interface CliRun {
  out: string;
  err: string;
  exitCode: number;
}

export async function runCli(
  register: (program: Command, io: CliIo) => void,
  args: string[],
  opts: { stdin?: string; env?: Record<string, string | undefined> } = {},
): Promise<CliRun> {
  const run: CliRun = { out: "", err: "", exitCode: 0 };
  const io: CliIo = {
    out: (text) => {
      run.out += text;
    },
    err: (text) => {
      run.err += text;
    },
    readStdin: async () => opts.stdin ?? "",
    env: opts.env ?? {},
    setExitCode: (code) => {
      run.exitCode = code;
    },
  };
  const program = new Command().name("idpool").exitOverride();
  register(program, io);
  await program.parseAsync(["node", "idpool", ...args]);
  return run;
}
