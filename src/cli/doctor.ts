/**
 * `idpool doctor`: why would idpool accept or refuse this token? Prints the decoded header and
 * claims (never the signature) and every rule as pass/fail with what to change. Exit code 0 when
 * the token would be accepted, 1 when not, 2 when the command itself cannot run.
 */
import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { DEFAULT_ALGORITHMS, diagnoseToken, OidcVerifier } from "../oidc/index.js";
import { systemClock } from "../shared/index.js";
import {
  credentialsFromEnv,
  type DiagnosisView,
  diagnoseRemotely,
  type ProviderView,
  type RemoteDiagnosis,
} from "./doctor-registration.js";
import { type CliIo, processIo } from "./io.js";

interface DoctorFlags {
  providerUrl?: string;
  clientId: string[];
  thumbprint: string[];
  loginsKey?: string;
  endpoint?: string;
  poolId?: string;
  region: string;
  extraCaFile?: string;
  trustPublicCa?: boolean;
  allowHttpProviders?: boolean;
  algorithm: string[];
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function formatDiagnosis(
  diagnosis: DiagnosisView,
  provider: ProviderView | undefined,
  loginsKey: string,
): string {
  const lines: string[] = [];
  if (diagnosis.decoded) {
    lines.push(
      `Header: ${JSON.stringify(diagnosis.decoded.header)}`,
      `Claims: ${JSON.stringify(diagnosis.decoded.claims, null, 2)}`,
    );
  }
  if (provider) {
    lines.push(`Provider: ${provider.url} (logins key ${loginsKey})`);
    lines.push(
      `  client ids:  ${provider.clientIds.join(", ") || "(none)"}`,
      `  thumbprints: ${provider.thumbprints.join(", ") || "(none: trust store)"}`,
    );
  } else {
    lines.push(`Provider: none to check tokens with (logins key ${loginsKey})`);
  }
  lines.push("Checks:");
  for (const check of diagnosis.checks) {
    const status = check.status === "fail" ? "FAIL" : check.status;
    lines.push(
      `  ${status.padEnd(4)}  ${check.rule.padEnd(9)}  ${check.says}${check.reason ? ` [${check.reason}]` : ""}`,
    );
    if (check.fix) lines.push(`  ${" ".repeat(4)}  ${" ".repeat(9)}  fix: ${check.fix}`);
  }
  lines.push(
    diagnosis.accepted
      ? "Result: idpool would ACCEPT this token."
      : `Result: idpool would REFUSE this token (${diagnosis.rejection?.reason ?? "unknown"}).`,
  );
  return `${lines.join("\n")}\n`;
}

/** The token's iss without its scheme: what Amplify sends as the logins key (reference §3.8). */
function issWithoutScheme(token: string): string | undefined {
  try {
    const claims = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")) as {
      iss?: unknown;
    };
    return typeof claims.iss === "string" ? claims.iss.replace(/^\w+:\/\//, "") : undefined;
  } catch {
    return undefined;
  }
}

/** `--endpoint` with `--pool-id`: the running idpool checks the token (IdpoolService.DiagnoseToken). */
async function diagnoseAtEndpoint(
  flags: DoctorFlags,
  token: string,
  io: CliIo,
): Promise<RemoteDiagnosis & { loginsKey: string }> {
  if (flags.endpoint === undefined || flags.poolId === undefined) {
    throw new UsageError("give --provider-url (with --client-id), or --endpoint with --pool-id");
  }
  const loginsKey = flags.loginsKey ?? issWithoutScheme(token);
  if (loginsKey === undefined) throw new UsageError("give --logins-key (the token has no readable iss)");
  const credentials = credentialsFromEnv(io.env);
  if (!credentials)
    throw new UsageError(
      "set IDPOOL_ROOT_ACCESS_KEY_ID/IDPOOL_ROOT_SECRET_ACCESS_KEY (or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY)",
    );
  const lookup = { endpoint: flags.endpoint, region: flags.region, poolId: flags.poolId, loginsKey, credentials };
  return { ...(await diagnoseRemotely(lookup, token)), loginsKey };
}

class UsageError extends Error {}

async function runDoctor(tokenArg: string | undefined, flags: DoctorFlags, io: CliIo): Promise<number> {
  const token = (tokenArg === undefined || tokenArg === "-" ? await io.readStdin() : tokenArg).trim();
  if (token === "") throw new UsageError("no token: pass it as an argument or on stdin");
  if (flags.providerUrl === undefined) {
    const remote = await diagnoseAtEndpoint(flags, token, io);
    io.out(formatDiagnosis(remote.diagnosis, remote.provider, remote.loginsKey));
    return remote.diagnosis.accepted ? 0 : 1;
  }
  const loginsKey = flags.loginsKey ?? flags.providerUrl.replace(/^\w+:\/\//, "");
  const provider = { url: flags.providerUrl, clientIds: flags.clientId, thumbprints: flags.thumbprint };
  const extraCaPem = flags.extraCaFile === undefined ? undefined : await readFile(flags.extraCaFile, "utf8");
  const trust = {
    trustPublicCa: flags.trustPublicCa ?? false,
    allowHttpProviders: flags.allowHttpProviders ?? false,
    ...(extraCaPem === undefined ? {} : { extraCaPem }),
    ...(flags.algorithm.length === 0 ? {} : { algorithms: [...DEFAULT_ALGORITHMS, ...flags.algorithm] }),
  };
  const log = { warn: () => undefined, info: () => undefined }; // the checks carry every detail
  const verifier = new OidcVerifier({ clock: systemClock, trust, log });
  try {
    const diagnosis = await diagnoseToken(verifier, systemClock, token, provider, loginsKey);
    io.out(formatDiagnosis(diagnosis, provider, loginsKey));
    return diagnosis.accepted ? 0 : 1;
  } finally {
    verifier.close();
  }
}

export function registerDoctorCommand(program: Command, io: CliIo = processIo): void {
  program
    .command("doctor")
    .description("explain whether idpool would accept an OpenID Connect ID token, rule by rule")
    .argument("[token]", "the ID token; omit or '-' to read it from stdin")
    .option("--provider-url <url>", "provider URL as registered (https://host[/path])")
    .option("--client-id <id>", "a registered client id (repeatable)", collect, [])
    .option("--thumbprint <sha1>", "a registered thumbprint (repeatable)", collect, [])
    .option("--logins-key <key>", "logins key (default: the provider URL, or the token's iss, without scheme)")
    .option(
      "--endpoint <url>",
      "a running idpool that checks the token itself (IdpoolService.DiagnoseToken), e.g. http://127.0.0.1:4600",
    )
    .option("--pool-id <id>", "identity pool id (with --endpoint)")
    .option("--region <region>", "signing region (with --endpoint)", "us-east-1")
    .option("--extra-ca-file <file>", "PEM file of CA certificates trusted besides the system roots")
    .option("--trust-public-ca", "accept a chain the trust store verifies even when thumbprints do not match")
    .option("--allow-http-providers", "allow http:// provider URLs (development only)")
    .option("--algorithm <alg>", "allow this JWS algorithm besides RS256/384/512 (repeatable; PS*/ES*)", collect, [])
    .action(async (token: string | undefined, flags: DoctorFlags) => {
      try {
        io.setExitCode(await runDoctor(token, flags, io));
      } catch (error) {
        io.err(`idpool doctor: ${error instanceof Error ? error.message : String(error)}\n`);
        io.setExitCode(2);
      }
    });
}
