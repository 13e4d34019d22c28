/**
 * What the commands that call a running idpool share (`setup apply|export`, `providers
 * accept-keys`, `revoke`): `--endpoint` and `--region`, the root credentials from the
 * environment, and one way to report a failure with its exit code.
 */
import type { Command } from "commander";
import { type ApiCaller, ApiError, httpCaller } from "../setup/index.js";
import { credentialsFromEnv } from "./doctor-registration.js";
import type { CliIo } from "./io.js";

export interface RemoteFlags {
  endpoint?: string;
  region: string;
}

export const remoteOptions = (command: Command): Command =>
  command
    .option("--endpoint <url>", "the running idpool (default: $IDPOOL_ENDPOINT, else http://127.0.0.1:4600)")
    .option("--region <region>", "signing region", "us-east-1");

/** A caller signing with the root credentials from the environment; throws when there are none. */
export function rootCaller(flags: RemoteFlags, io: CliIo): ApiCaller {
  const credentials = credentialsFromEnv(io.env);
  if (!credentials) {
    throw new Error(
      "no credentials: set IDPOOL_ROOT_ACCESS_KEY_ID and IDPOOL_ROOT_SECRET_ACCESS_KEY (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY) to the root credentials",
    );
  }
  const endpoint = flags.endpoint ?? io.env.IDPOOL_ENDPOINT ?? "http://127.0.0.1:4600";
  return httpCaller({ endpoint, region: flags.region, credentials });
}

/** Exit code 1 when idpool refused the call, 2 when the command itself could not run. */
export async function runRemote(io: CliIo, command: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    const what =
      error instanceof ApiError ? `${error.code}: ${error.message}` : String((error as Error).message ?? error);
    io.err(`idpool ${command}: ${what}\n`);
    io.setExitCode(error instanceof ApiError ? 1 : 2);
  }
}
