/** The validated, frozen configuration every module receives. */
export interface Config {
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly region: string;
  readonly accountId: string;
  /** Without a trailing slash. Undefined until the port is known when `--port 0` and no public URL. */
  readonly publicUrl: string | undefined;
  readonly extraCaFile: string | undefined;
  /** Contents of extraCaFile, read once at start. */
  readonly extraCaPem: string | undefined;
  readonly trustPublicCa: boolean;
  readonly allowHttpProviders: boolean;
  readonly rootCredentials: RootCredentialsSetting | undefined;
  /** Base URLs of the public providers (reference §4.1); tests point them at local stand-ins. */
  readonly publicProviders: PublicProviderUrls;
  /** Processes serving the one port (`--workers`): 1 = no cluster; `auto` is resolved to the core count. */
  readonly workers: number;
  /** `--setup`: a setup file applied once the service listens. */
  readonly setupFile: string | undefined;
  readonly telemetry: TelemetryConfig;
}

/** Metrics, the audit trail, quotas and the key-continuity watch (README: Operability). */
export interface TelemetryConfig {
  /** Undefined: no metrics listener. */
  readonly metricsPort: number | undefined;
  readonly metricsHost: string;
  /** A file path, `-` for stdout, or undefined: no audit trail. */
  readonly auditLog: string | undefined;
  readonly auditRequired: boolean;
  /** Requests per second by operation name (`GetId`), from --quota-defaults and --quota. */
  readonly quotas: Readonly<Record<string, number>>;
  readonly quotaDefaults: "aws" | undefined;
  readonly onKeyDiscontinuity: "warn" | "refuse";
}

export interface PublicProviderUrls {
  readonly google: string;
  readonly apple: string;
  readonly facebook: string;
  readonly amazon: string;
}

export interface RootCredentialsSetting {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}
