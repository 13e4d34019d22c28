/**
 * `idpool providers accept-keys URL`: accepts the key set a running idpool holds back for a provider
 * (README: "Key-continuity watch", --on-key-discontinuity refuse) through IdpoolService.
 * AcceptProviderKeys, SigV4-signed with the root credentials from the environment (signing name
 * idpool), as a console would call it. Exit code 0 when accepted, 1 when idpool refuses (nothing
 * waiting, an unknown provider, other key ids), 2 when the command itself cannot run.
 */
import type { Command } from "commander";
import { ApiError, httpCaller } from "../setup/index.js";
import { credentialsFromEnv } from "./doctor-registration.js";
import { type CliIo, processIo } from "./io.js";

interface AcceptFlags {
  endpoint?: string;
  region: string;
  keyIds?: string;
}

async function acceptKeys(url: string, flags: AcceptFlags, io: CliIo): Promise<void> {
  const credentials = credentialsFromEnv(io.env);
  if (!credentials) {
    throw new Error(
      "no credentials: set IDPOOL_ROOT_ACCESS_KEY_ID and IDPOOL_ROOT_SECRET_ACCESS_KEY (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY) to the root credentials",
    );
  }
  const endpoint = flags.endpoint ?? io.env.IDPOOL_ENDPOINT ?? "http://127.0.0.1:4600";
  const call = httpCaller({ endpoint, region: flags.region, credentials });
  const keyIds = flags.keyIds?.split(",").map((kid) => kid.trim());
  const answer = await call("idpool", "AcceptProviderKeys", { Url: url, ...(keyIds ? { KeyIds: keyIds } : {}) });
  const accepted = Array.isArray(answer.AcceptedKeyIds) ? answer.AcceptedKeyIds.map(String) : [];
  io.out(`accepted the new keys of ${String(answer.Url ?? url)}: ${accepted.join(", ") || "none"}\n`);
}

export function registerProvidersCommand(program: Command, io: CliIo = processIo): void {
  const providers = program
    .command("providers")
    .description("act on the OpenID Connect providers a running idpool verifies");
  providers
    .command("accept-keys")
    .description("accept the key set idpool holds back for a provider (--on-key-discontinuity refuse)")
    .argument("<url>", "the provider URL as registered, e.g. https://idp.example.com")
    .option("--endpoint <url>", "the running idpool (default: $IDPOOL_ENDPOINT, else http://127.0.0.1:4600)")
    .option("--region <region>", "signing region", "us-east-1")
    .option(
      "--key-ids <kids>",
      "comma-separated: accept only if exactly these kids are waiting (as the warning showed)",
    )
    .action(async (url: string, flags: AcceptFlags) => {
      try {
        await acceptKeys(url, flags, io);
      } catch (error) {
        const what =
          error instanceof ApiError ? `${error.code}: ${error.message}` : String((error as Error).message ?? error);
        io.err(`idpool providers accept-keys: ${what}\n`);
        io.setExitCode(error instanceof ApiError ? 1 : 2);
      }
    });
}
