/**
 * `idpool revoke --identity ID` / `idpool revoke --pool ID [--issued-before TIME]` (README:
 * Revocation): earlier credentials and OpenID tokens of that identity, or of every identity of
 * that pool, stop working on every idpool process and gateway within seconds. Calls
 * IdpoolService.RevokeSessions, SigV4-signed with the root credentials from the environment.
 * Exit code 0 when revoked, 1 when idpool refuses (unknown identity or pool), 2 when the command
 * itself cannot run.
 */
import type { Command } from "commander";
import { type CliIo, processIo } from "./io.js";
import { type RemoteFlags, remoteOptions, rootCaller, runRemote } from "./remote.js";

interface RevokeFlags extends RemoteFlags {
  identity?: string;
  pool?: string;
  issuedBefore?: string;
}

/** ISO 8601 (`2026-12-01T10:00:00Z`) or epoch seconds → epoch seconds. */
export function epochSecondsOf(text: string): number {
  const seconds = /^\d+$/.test(text) ? Number(text) : Date.parse(text) / 1000;
  if (!Number.isFinite(seconds)) throw new Error(`--issued-before: not a time: ${text} (ISO 8601 or epoch seconds)`);
  return Math.floor(seconds);
}

async function revoke(flags: RevokeFlags, io: CliIo): Promise<void> {
  if ((flags.identity === undefined) === (flags.pool === undefined)) {
    throw new Error("give exactly one of --identity ID and --pool ID");
  }
  const issuedBefore = flags.issuedBefore === undefined ? undefined : epochSecondsOf(flags.issuedBefore);
  const answer = await rootCaller(flags, io)("idpool", "RevokeSessions", {
    ...(flags.identity !== undefined ? { IdentityId: flags.identity } : { IdentityPoolId: flags.pool }),
    ...(issuedBefore !== undefined ? { IssuedBefore: issuedBefore } : {}),
  });
  const before = typeof answer.IssuedBefore === "number" ? new Date(answer.IssuedBefore * 1000).toISOString() : "now";
  const what = flags.identity !== undefined ? `identity ${flags.identity}` : `every identity of pool ${flags.pool}`;
  io.out(`revoked the credentials and OpenID tokens of ${what} issued before ${before}\n`);
}

export function registerRevokeCommand(program: Command, io: CliIo = processIo): void {
  remoteOptions(
    program
      .command("revoke")
      .description("refuse the credentials and OpenID tokens of an identity, or of a pool, issued until now")
      .option("--identity <id>", "an identity id, e.g. us-east-1:1a2b…")
      .option("--pool <id>", "an identity pool id: every identity of it")
      .option("--issued-before <time>", "ISO 8601 or epoch seconds, not in the future (default: now)"),
  ).action((flags: RevokeFlags) => runRemote(io, "revoke", () => revoke(flags, io)));
}
