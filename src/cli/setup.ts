/**
 * `idpool setup apply FILE`, `idpool setup export` and `idpool setup schema`: a setup file against
 * a running idpool, through its public API (SigV4 with the root credentials, as an AWS SDK calls
 * it). Exit code 0 when done, 1 when the file is refused (each problem at its line), 2 when the
 * command itself cannot run.
 */
import { readFile, writeFile } from "node:fs/promises";
import type { Command } from "commander";
import {
  applySetup,
  describeSummary,
  exportSetup,
  parseSetup,
  SetupError,
  setupJsonSchemaText,
} from "../setup/index.js";
import { type CliIo, processIo } from "./io.js";
import { type RemoteFlags, remoteOptions, rootCaller } from "./remote.js";

async function run(io: CliIo, name: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    io.err(`idpool setup ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    io.setExitCode(error instanceof SetupError ? 1 : 2);
  }
}

export function registerSetupCommand(program: Command, io: CliIo = processIo): void {
  const setup = program
    .command("setup")
    .description("apply or export a setup file: OpenID Connect providers, roles and identity pools");
  remoteOptions(
    setup
      .command("apply")
      .description("make a running idpool hold what the file declares (a second apply changes nothing)")
      .argument("<file>", "the setup file, YAML or JSON (.json)"),
  ).action((file: string, flags: RemoteFlags) =>
    run(io, "apply", async () => {
      const parsed = parseSetup(file, await readFile(file, "utf8"));
      io.out(`${describeSummary(await applySetup(rootCaller(flags, io), parsed))}\n`);
    }),
  );
  remoteOptions(
    setup
      .command("export")
      .description("write what a running idpool holds as a setup file")
      .option("--format <format>", "yaml or json", "yaml")
      .option("--output <file>", "write to this file instead of standard output"),
  ).action((flags: RemoteFlags & { format: string; output?: string }) =>
    run(io, "export", async () => {
      if (flags.format !== "yaml" && flags.format !== "json") throw new Error("--format must be yaml or json");
      const text = await exportSetup(rootCaller(flags, io), flags.format);
      if (flags.output === undefined) io.out(text);
      else await writeFile(flags.output, text);
    }),
  );
  setup
    .command("schema")
    .description("print the setup file's JSON Schema (also shipped as schema/setup.schema.json)")
    .action(() => io.out(setupJsonSchemaText()));
}
