import type { Config } from "./config.js";
import { loadConfig } from "./load.js";
import { ConfigError, parseBoolean } from "./values.js";

/** The settings only `idpool dev` has (CONTRACT.md); `serve` never reads them. */
export interface DevSettings {
  /** A throwaway store in a temporary directory, removed at exit. */
  readonly ephemeral: boolean;
  /** New identity and pool ids follow a sequence seeded with this (secrets and keys stay random). */
  readonly seed: number | undefined;
  /** Listen on a non-loopback address although the test provider signs tokens for anyone who asks. */
  readonly allowRemote: boolean;
}

export interface DevSettingSpec {
  readonly key: "ephemeral" | "seed" | "devAllowRemote";
  readonly flag: string;
  readonly env: string;
  readonly kind: "boolean" | "integer";
  readonly meaning: string;
}

export const DEV_SETTINGS: readonly DevSettingSpec[] = [
  {
    key: "ephemeral",
    flag: "--ephemeral",
    env: "IDPOOL_DEV_EPHEMERAL",
    kind: "boolean",
    meaning: "a throwaway SQLite store in a temporary directory, removed at exit",
  },
  {
    key: "seed",
    flag: "--seed",
    env: "IDPOOL_DEV_SEED",
    kind: "integer",
    meaning: "new identity and pool ids follow a sequence seeded with N, so a test run gives the same ids",
  },
  {
    key: "devAllowRemote",
    flag: "--dev-allow-remote",
    env: "IDPOOL_DEV_ALLOW_REMOTE",
    kind: "boolean",
    meaning: "allow a non-loopback --host (the test provider signs trusted tokens for anyone who asks)",
  },
];

/** `idpool dev` keeps its store apart from `serve`'s (CONTRACT.md). */
export const DEV_DATA_DIR = "./.idpool-dev";

type Flags = Record<string, string | boolean | undefined>;

function value(spec: DevSettingSpec, flags: Flags, env: NodeJS.ProcessEnv): { text: string; from: string } | undefined {
  const flag = flags[spec.key];
  if (flag !== undefined) return { text: String(flag), from: spec.flag };
  const fromEnv = env[spec.env];
  return fromEnv === undefined ? undefined : { text: fromEnv, from: spec.env };
}

function bool(spec: DevSettingSpec, flags: Flags, env: NodeJS.ProcessEnv): boolean {
  const v = value(spec, flags, env);
  return v ? parseBoolean(v.text, v.from) : false;
}

/** A loopback address: 127.0.0.0/8, ::1 or localhost (RFC 6890; RFC 6761 §6.3). */
export function isLoopbackHost(host: string): boolean {
  return host === "localhost" || host === "::1" || host === "[::1]" || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * `idpool dev`'s configuration: every `serve` setting (its store under ./.idpool-dev unless told
 * otherwise), plus the dev settings. Refuses what would make the test provider reachable from other
 * machines by accident, and combinations that cannot work.
 */
export function loadDevConfig(
  flags: Flags,
  env: NodeJS.ProcessEnv = process.env,
): { config: Config; dev: DevSettings } {
  const dataDirGiven = flags.dataDir !== undefined || env.IDPOOL_DATA_DIR !== undefined;
  const config = loadConfig(dataDirGiven ? flags : { ...flags, dataDir: DEV_DATA_DIR }, env);
  const seedValue = value(DEV_SETTINGS[1] as DevSettingSpec, flags, env);
  let seed: number | undefined;
  if (seedValue) {
    if (!/^\d{1,9}$/.test(seedValue.text.trim())) {
      throw new ConfigError(`${seedValue.from}: expected a whole number from 0 to 999999999, got '${seedValue.text}'`);
    }
    seed = Number(seedValue.text);
  }
  const dev: DevSettings = {
    ephemeral: bool(DEV_SETTINGS[0] as DevSettingSpec, flags, env),
    seed,
    allowRemote: bool(DEV_SETTINGS[2] as DevSettingSpec, flags, env),
  };
  if (!dev.allowRemote && !isLoopbackHost(config.host)) {
    throw new ConfigError(
      `--host ${config.host}: idpool dev listens on loopback only, because its test provider signs trusted tokens for anyone who asks; add --dev-allow-remote to listen on ${config.host} anyway`,
    );
  }
  if (dev.ephemeral && config.databaseUrl) {
    throw new ConfigError("--ephemeral keeps a throwaway SQLite store; it cannot be combined with --database-url");
  }
  if (config.workers > 1) throw new ConfigError("--workers: idpool dev runs one process");
  return { config, dev };
}
