/**
 * `idpool providers accept-keys URL`: accepts the key set a running idpool holds back for a provider
 * (README: "Key-continuity watch", --on-key-discontinuity refuse) through IdpoolService.
 * AcceptProviderKeys, SigV4-signed with the root credentials from the environment (signing name
 * idpool), as a console would call it. Exit code 0 when accepted, 1 when idpool refuses (nothing
 * waiting, an unknown provider, other key ids), 2 when the command itself cannot run.
 */
import type { Command } from "commander";
import { type CliIo, processIo } from "./io.js";
import { type RemoteFlags, remoteOptions, rootCaller, runRemote } from "./remote.js";

interface AcceptFlags extends RemoteFlags {
  keyIds?: string;
}

async function acceptKeys(url: string, flags: AcceptFlags, io: CliIo): Promise<void> {
  const call = rootCaller(flags, io);
  const keyIds = flags.keyIds?.split(",").map((kid) => kid.trim());
  const answer = await call("idpool", "AcceptProviderKeys", { Url: url, ...(keyIds ? { KeyIds: keyIds } : {}) });
  const accepted = Array.isArray(answer.AcceptedKeyIds) ? answer.AcceptedKeyIds.map(String) : [];
  io.out(`accepted the new keys of ${String(answer.Url ?? url)}: ${accepted.join(", ") || "none"}\n`);
}

export function registerProvidersCommand(program: Command, io: CliIo = processIo): void {
  const providers = program
    .command("providers")
    .description("act on the OpenID Connect providers a running idpool verifies");
  remoteOptions(
    providers
      .command("accept-keys")
      .description("accept the key set idpool holds back for a provider (--on-key-discontinuity refuse)")
      .argument("<url>", "the provider URL as registered, e.g. https://idp.example.com"),
  )
    .option(
      "--key-ids <kids>",
      "comma-separated: accept only if exactly these kids are waiting (as the warning showed)",
    )
    .action((url: string, flags: AcceptFlags) =>
      runRemote(io, "providers accept-keys", () => acceptKeys(url, flags, io)),
    );
}
