import type { Command } from "commander";
import { type CliIo, processIo } from "./io.js";

/** `--claim key=value`: the value as JSON when it parses (numbers, booleans, arrays), else text. */
export function parseClaim(text: string, claims: Record<string, unknown>): Record<string, unknown> {
  const eq = text.indexOf("=");
  if (eq <= 0) throw new Error(`--claim ${text}: expected key=value`);
  const key = text.slice(0, eq);
  const raw = text.slice(eq + 1);
  let value: unknown = raw;
  try {
    value = JSON.parse(raw);
  } catch {
    // Not JSON: the text itself.
  }
  return { ...claims, [key]: value };
}

export interface DevTokenFlags {
  readonly sub: string;
  readonly provider: string;
  readonly clientId?: string;
  readonly claim: Record<string, unknown>;
  readonly ttl?: string;
  readonly break?: string;
  readonly endpoint: string;
}

/**
 * Asks a running `idpool dev` for a token (POST /dev/idp/<provider>/mint) and prints only the token,
 * so that `$(npx idpool dev token --sub alice)` works in a shell. A refusal prints the server's
 * message naming the member, and exits 1.
 */
export async function devToken(flags: DevTokenFlags, io: CliIo = processIo): Promise<void> {
  const body: Record<string, unknown> = { sub: flags.sub };
  if (flags.clientId !== undefined) body.clientId = flags.clientId;
  if (Object.keys(flags.claim).length > 0) body.claims = flags.claim;
  if (flags.ttl !== undefined) body.ttlSeconds = /^\d+$/.test(flags.ttl) ? Number(flags.ttl) : flags.ttl;
  if (flags.break !== undefined) body.break = flags.break;
  const url = `${flags.endpoint.replace(/\/+$/, "")}/dev/idp/${encodeURIComponent(flags.provider)}/mint`;
  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  } catch (error) {
    io.err(`idpool dev token: cannot reach ${url} (${(error as Error).message}); is idpool dev running?\n`);
    io.setExitCode(1);
    return;
  }
  const text = await res.text();
  let answer: { id_token?: unknown; message?: unknown } = {};
  try {
    answer = JSON.parse(text) as typeof answer;
  } catch {
    // Not JSON: reported below with the status.
  }
  if (res.status !== 200 || typeof answer.id_token !== "string") {
    const why = typeof answer.message === "string" ? answer.message : `HTTP ${res.status}`;
    io.err(`idpool dev token: ${why}\n`);
    io.setExitCode(1);
    return;
  }
  io.out(`${answer.id_token}\n`);
}

export function registerDevTokenCommand(dev: Command): void {
  dev
    .command("token")
    .description("print a token of idpool dev's test provider (add --break RULE for one that breaks a rule)")
    .requiredOption("--sub <subject>", "the token's sub")
    .option("--provider <name>", "the test provider", "dev")
    .option("--client-id <id>", "aud (default: the provider's first client id)")
    .option("--claim <key=value>", "an extra claim; repeatable; the value is JSON when it parses", parseClaim, {})
    .option("--ttl <seconds>", "lifetime (default 600)")
    .option(
      "--break <rule>",
      "issuer, signature, unknown-key, audience, azp, expired, not-yet-valid, alg-none or hs256",
    )
    .option("--endpoint <url>", "the running idpool dev", "http://127.0.0.1:4600")
    .action(async (flags: DevTokenFlags) => devToken(flags));
}
