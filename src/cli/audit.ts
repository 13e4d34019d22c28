/**
 * `idpool audit verify FILE`: checks the hash chain of an audit trail written with `--audit-log`
 * (README: Audit trail). Exit 0 and the last hash on an intact file; exit 1 naming the first bad line.
 */
import type { Command } from "commander";
import { verifyAuditFile } from "../telemetry/index.js";
import { type CliIo, processIo } from "./io.js";

interface VerifyFlags {
  readonly expectLastHash?: string;
  readonly follows?: string;
}

export function registerAuditCommand(program: Command, io: CliIo = processIo): void {
  const audit = program.command("audit").description("check the audit trail written with --audit-log");
  audit
    .command("verify")
    .description("check every line's hash and its link to the line before; print the last hash")
    .argument("<file>", "the audit trail (one JSON line per event)")
    .option("--expect-last-hash <hash>", "the last hash printed or kept earlier: fail if the file ends elsewhere")
    .option(
      "--follows <hash>",
      "after a rotation: the last hash of the file before this one, which this file continues",
    )
    .action(async (file: string, flags: VerifyFlags) => {
      let report: Awaited<ReturnType<typeof verifyAuditFile>>;
      try {
        report = await verifyAuditFile(file, {
          ...(flags.expectLastHash !== undefined ? { expectLastHash: flags.expectLastHash.toLowerCase() } : {}),
          ...(flags.follows !== undefined ? { follows: flags.follows.toLowerCase() } : {}),
        });
      } catch (error) {
        io.err(`idpool audit verify: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
        return io.setExitCode(1);
      }
      if (!report.ok) {
        io.err(`idpool audit verify: ${file}: ${report.problem}\n`);
        return io.setExitCode(1);
      }
      io.out(`ok: ${report.lines} lines, last hash ${report.lastHash}\n`);
      if (report.lostEvents > 0) {
        const events = report.lostEvents === 1 ? "1 event" : `${report.lostEvents} events`;
        io.out(`note: ${events} could not be written at the time (events_lost lines)\n`);
      }
    });
}
