import { readFileSync } from "node:fs";
import type { Config, RootCredentialsSetting, TelemetryConfig } from "./config.js";
import { defaultRawConfig, type RawConfig, SETTINGS, type SettingSpec } from "./settings.js";
import {
  ConfigError,
  checkAccount,
  checkRegion,
  checkUrl,
  parseBoolean,
  parsePort,
  parseQuotas,
  parseWorkers,
} from "./values.js";

type Source = Partial<Record<keyof RawConfig, string | boolean | undefined>>;

function name(spec: SettingSpec, fromFlag: boolean): string {
  return fromFlag ? spec.flag : spec.env;
}

function rootCredentials(env: NodeJS.ProcessEnv): RootCredentialsSetting | undefined {
  const accessKeyId = env.IDPOOL_ROOT_ACCESS_KEY_ID;
  const secretAccessKey = env.IDPOOL_ROOT_SECRET_ACCESS_KEY;
  if (!accessKeyId && !secretAccessKey) return undefined;
  if (!accessKeyId || !secretAccessKey) {
    throw new ConfigError("IDPOOL_ROOT_ACCESS_KEY_ID and IDPOOL_ROOT_SECRET_ACCESS_KEY must be set together");
  }
  if (!/^[A-Z0-9]{16,128}$/.test(accessKeyId)) {
    throw new ConfigError("IDPOOL_ROOT_ACCESS_KEY_ID: expected 16 to 128 upper-case letters and digits");
  }
  if (secretAccessKey.length < 16)
    throw new ConfigError("IDPOOL_ROOT_SECRET_ACCESS_KEY: expected at least 16 characters");
  return { accessKeyId, secretAccessKey };
}

function telemetryConfig(raw: RawConfig, at: (key: keyof RawConfig) => string): TelemetryConfig {
  const quotaDefaults = raw.quotaDefaults.trim();
  if (quotaDefaults !== "" && quotaDefaults !== "aws") {
    throw new ConfigError(`${at("quotaDefaults")}: expected aws, got '${raw.quotaDefaults}'`);
  }
  const mode = raw.onKeyDiscontinuity.trim();
  if (mode !== "warn" && mode !== "refuse") {
    throw new ConfigError(`${at("onKeyDiscontinuity")}: expected warn or refuse, got '${raw.onKeyDiscontinuity}'`);
  }
  const auditRequired = parseBoolean(raw.auditRequired, at("auditRequired"));
  if (auditRequired && !raw.auditLog) {
    throw new ConfigError(`${at("auditRequired")}: needs --audit-log (IDPOOL_AUDIT_LOG), the trail it requires`);
  }
  return {
    metricsPort: raw.metricsPort.trim() === "" ? undefined : parsePort(raw.metricsPort, at("metricsPort")),
    metricsHost: raw.metricsHost.trim() || "127.0.0.1",
    auditLog: raw.auditLog || undefined,
    auditRequired,
    quotas: parseQuotas(raw.quota, at("quota")),
    quotaDefaults: quotaDefaults === "aws" ? "aws" : undefined,
    onKeyDiscontinuity: mode,
  };
}

/**
 * Merges defaults < environment < flags, validates once and freezes. Errors name the flag or
 * variable that was wrong.
 */
export function loadConfig(flags: Source, env: NodeJS.ProcessEnv = process.env): Config {
  const raw = defaultRawConfig();
  const origin = new Map<keyof RawConfig, string>();
  for (const spec of SETTINGS) {
    const fromEnv = env[spec.env];
    const fromFlag = flags[spec.key];
    if (fromFlag !== undefined) {
      raw[spec.key] = String(fromFlag);
      origin.set(spec.key, name(spec, true));
    } else if (fromEnv !== undefined) {
      raw[spec.key] = fromEnv;
      origin.set(spec.key, name(spec, false));
    } else {
      origin.set(spec.key, spec.flag);
    }
  }
  const at = (key: keyof RawConfig): string => origin.get(key) ?? key;
  const port = parsePort(raw.port, at("port"));
  const extraCaFile = raw.extraCaFile || undefined;
  let extraCaPem: string | undefined;
  if (extraCaFile) {
    try {
      extraCaPem = readFileSync(extraCaFile, "utf8");
    } catch (error) {
      throw new ConfigError(`${at("extraCaFile")}: cannot read '${extraCaFile}': ${(error as Error).message}`);
    }
    if (!extraCaPem.includes("-----BEGIN CERTIFICATE-----")) {
      throw new ConfigError(`${at("extraCaFile")}: '${extraCaFile}' holds no PEM certificate`);
    }
  }
  const host = raw.host.trim();
  if (!host) throw new ConfigError(`${at("host")}: must not be empty`);
  const config: Config = {
    host,
    port,
    dataDir: raw.dataDir,
    databaseUrl: raw.databaseUrl
      ? checkUrl(raw.databaseUrl, at("databaseUrl"), ["postgres:", "postgresql:"])
      : undefined,
    region: checkRegion(raw.region, at("region")),
    accountId: checkAccount(raw.accountId, at("accountId")),
    publicUrl: raw.publicUrl ? checkUrl(raw.publicUrl, at("publicUrl"), ["http:", "https:"]) : undefined,
    extraCaFile,
    extraCaPem,
    trustPublicCa: parseBoolean(raw.trustPublicCa, at("trustPublicCa")),
    allowHttpProviders: parseBoolean(raw.allowHttpProviders, at("allowHttpProviders")),
    rootCredentials: rootCredentials(env),
    publicProviders: {
      google: checkUrl(raw.googleUrl, at("googleUrl"), ["https:"]),
      apple: checkUrl(raw.appleUrl, at("appleUrl"), ["https:"]),
      facebook: checkUrl(raw.facebookUrl, at("facebookUrl"), ["https:"]),
      amazon: checkUrl(raw.amazonUrl, at("amazonUrl"), ["https:"]),
    },
    workers: parseWorkers(raw.workers, at("workers")),
    setupFile: raw.setup || undefined,
    telemetry: telemetryConfig(raw, at),
  };
  // One hash chain has one writer (README: Audit trail): workers appending to one file would interleave.
  if (config.telemetry.auditLog !== undefined && config.workers > 1) {
    throw new ConfigError(
      `${at("auditLog")}: cannot be combined with ${at("workers")} ${config.workers}: each process would write its ` +
        "own hash chain into the one trail; run one process, or several idpool processes each with its own --audit-log",
    );
  }
  return Object.freeze(config);
}
