/**
 * Every setting of `idpool serve` (CONTRACT.md): its flag, environment variable, default and
 * meaning, as written (settings.ts derives the loader's defaults and the shown ones from it). The
 * README's configuration table is checked against this list by a test.
 */
export interface SettingInput {
  readonly key: string;
  readonly flag: string;
  readonly env: string;
  /** `list`: the flag may be given several times; the variable holds the values comma-separated. */
  readonly kind: "string" | "port" | "boolean" | "workers" | "list";
  /** What the loader uses when neither the flag nor the variable is given. */
  readonly defaultValue: string;
  /** How the default reads, where the value alone does not say it (see shownDefault). */
  readonly defaultText?: string;
  readonly meaning: string;
}

export const SETTING_INPUTS = [
  {
    key: "host",
    flag: "--host",
    env: "IDPOOL_HOST",
    kind: "string",
    defaultValue: "127.0.0.1",
    meaning: "listen address",
  },
  {
    key: "port",
    flag: "--port",
    env: "IDPOOL_PORT",
    kind: "port",
    defaultValue: "4600",
    meaning: "listen port (`0` = any free port)",
  },
  {
    key: "dataDir",
    flag: "--data-dir",
    env: "IDPOOL_DATA_DIR",
    kind: "string",
    defaultValue: "./.idpool",
    meaning: "SQLite database file and generated secrets",
  },
  {
    key: "databaseUrl",
    flag: "--database-url",
    env: "IDPOOL_DATABASE_URL",
    kind: "string",
    defaultValue: "",
    meaning: "`postgres://…`: use PostgreSQL instead of SQLite",
  },
  {
    key: "region",
    flag: "--region",
    env: "IDPOOL_REGION",
    kind: "string",
    defaultValue: "us-east-1",
    meaning: "region in pool and identity ids, ARNs, signing scope",
  },
  {
    key: "accountId",
    flag: "--account-id",
    env: "IDPOOL_ACCOUNT_ID",
    kind: "string",
    defaultValue: "000000000000",
    meaning: "account in ARNs",
  },
  {
    key: "publicUrl",
    flag: "--public-url",
    env: "IDPOOL_PUBLIC_URL",
    kind: "string",
    defaultValue: "",
    defaultText: "http://<host>:<port>",
    meaning: "issuer (`iss`) of the OpenID tokens idpool signs",
  },
  {
    key: "extraCaFile",
    flag: "--extra-ca-file",
    env: "IDPOOL_EXTRA_CA_FILE",
    kind: "string",
    defaultValue: "",
    meaning: "PEM file of CA certificates trusted, besides the system roots, for TLS to identity providers",
  },
  {
    key: "trustPublicCa",
    flag: "--trust-public-ca",
    env: "IDPOOL_TRUST_PUBLIC_CA",
    kind: "boolean",
    defaultValue: "false",
    meaning:
      "accept a provider whose TLS chain verifies against the trust store even when its thumbprints do not match (AWS's behaviour since 2023)",
  },
  {
    key: "allowHttpProviders",
    flag: "--allow-http-providers",
    env: "IDPOOL_ALLOW_HTTP_PROVIDERS",
    kind: "boolean",
    defaultValue: "false",
    meaning: "development only: allow `http://` provider URLs (no TLS, so no thumbprint check); logs a warning",
  },
  {
    key: "googleUrl",
    flag: "--google-url",
    env: "IDPOOL_GOOGLE_URL",
    kind: "string",
    defaultValue: "https://accounts.google.com",
    meaning: "where Google's OpenID configuration and keys are fetched for `accounts.google.com` logins",
  },
  {
    key: "appleUrl",
    flag: "--apple-url",
    env: "IDPOOL_APPLE_URL",
    kind: "string",
    defaultValue: "https://appleid.apple.com",
    meaning: "where Apple's OpenID configuration and keys are fetched for `appleid.apple.com` logins",
  },
  {
    key: "facebookUrl",
    flag: "--facebook-url",
    env: "IDPOOL_FACEBOOK_URL",
    kind: "string",
    defaultValue: "https://graph.facebook.com",
    meaning: "Graph API base URL that inspects `graph.facebook.com` access tokens (`/app`, `/me`)",
  },
  {
    key: "amazonUrl",
    flag: "--amazon-url",
    env: "IDPOOL_AMAZON_URL",
    kind: "string",
    defaultValue: "https://api.amazon.com",
    meaning: "Login with Amazon base URL that inspects `www.amazon.com` access tokens (`/auth/o2/tokeninfo`)",
  },
  {
    key: "workers",
    flag: "--workers",
    env: "IDPOOL_WORKERS",
    kind: "workers",
    defaultValue: "1",
    meaning:
      "processes serving the one port (node:cluster), to use every core; `auto` = one per core (`os.availableParallelism()`)",
  },
  {
    key: "setup",
    flag: "--setup",
    env: "IDPOOL_SETUP",
    kind: "string",
    defaultValue: "",
    meaning:
      "a setup file (JSON or YAML: providers, roles, pools) applied on start through the API's own checks; see Setup files",
  },
  {
    key: "metricsPort",
    flag: "--metrics-port",
    env: "IDPOOL_METRICS_PORT",
    kind: "string",
    defaultValue: "",
    meaning:
      "open a second listener serving only Prometheus `/metrics` on this port (`0` = any free port; unset = off)",
  },
  {
    key: "metricsHost",
    flag: "--metrics-host",
    env: "IDPOOL_METRICS_HOST",
    kind: "string",
    defaultValue: "127.0.0.1",
    meaning: "listen address of the metrics listener",
  },
  {
    key: "auditLog",
    flag: "--audit-log",
    env: "IDPOOL_AUDIT_LOG",
    kind: "string",
    defaultValue: "",
    meaning: "write the hash-chained audit trail (JSON lines) to this file (`-` = stdout); see Audit trail",
  },
  {
    key: "auditRequired",
    flag: "--audit-required",
    env: "IDPOOL_AUDIT_REQUIRED",
    kind: "boolean",
    defaultValue: "false",
    meaning: "answer the service's internal error instead of serving a call whose audit event cannot be written",
  },
  {
    key: "quota",
    flag: "--quota",
    env: "IDPOOL_QUOTA",
    kind: "list",
    defaultValue: "",
    meaning:
      "`OPERATION=RATE`: at most RATE requests per second of that operation (token bucket, one second of burst); repeatable",
  },
  {
    key: "quotaDefaults",
    flag: "--quota-defaults",
    env: "IDPOOL_QUOTA_DEFAULTS",
    kind: "string",
    defaultValue: "",
    meaning:
      "`aws`: AWS's published default quotas of the Cognito Identity operations it lists (see Quotas; `--quota` overrides one)",
  },
  {
    key: "onKeyDiscontinuity",
    flag: "--on-key-discontinuity",
    env: "IDPOOL_ON_KEY_DISCONTINUITY",
    kind: "string",
    defaultValue: "warn",
    meaning:
      "`warn` or `refuse`: what to do when a provider replaces its whole key set at once or its keys' TLS issuer changes",
  },
] as const satisfies readonly SettingInput[];
