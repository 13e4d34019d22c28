import type { Config } from "./config.js";
import { loadConfig } from "./load.js";
import { ConfigError, checkUrl, parseBoolean, parsePort } from "./values.js";

/**
 * `idpool gateway` (README: "Protect your own API with idpool credentials"): a SigV4-verifying
 * reverse proxy on the store `serve` uses. Its own settings are below; the store and the account
 * come from `serve`'s settings of the same names (--data-dir, --database-url, --region,
 * --account-id and the root credentials' variables), so both point at one store alike.
 */
export interface GatewaySettings {
  readonly upstream: string;
  readonly host: string;
  readonly port: number;
  /** The SigV4 signing name clients use (`execute-api`, as for API Gateway). */
  readonly service: string;
  readonly apiId: string;
  readonly stage: string;
  readonly allowUnsignedPayload: boolean;
}

export interface GatewaySettingSpec {
  readonly key: keyof GatewaySettings;
  readonly flag: string;
  readonly env: string;
  readonly kind: "string" | "port" | "boolean";
  readonly defaultText: string;
  readonly meaning: string;
}

export const GATEWAY_SETTINGS: readonly GatewaySettingSpec[] = [
  {
    key: "upstream",
    flag: "--upstream",
    env: "IDPOOL_GATEWAY_UPSTREAM",
    kind: "string",
    defaultText: "",
    meaning: "the http:// or https:// URL allowed requests are forwarded to (required)",
  },
  {
    key: "host",
    flag: "--host",
    env: "IDPOOL_GATEWAY_HOST",
    kind: "string",
    defaultText: "127.0.0.1",
    meaning: "listen address",
  },
  {
    key: "port",
    flag: "--port",
    env: "IDPOOL_GATEWAY_PORT",
    kind: "port",
    defaultText: "4610",
    meaning: "listen port (`0` = any free port)",
  },
  {
    key: "service",
    flag: "--service",
    env: "IDPOOL_GATEWAY_SERVICE",
    kind: "string",
    defaultText: "execute-api",
    meaning: "the SigV4 signing name requests must be signed for",
  },
  {
    key: "apiId",
    flag: "--api-id",
    env: "IDPOOL_GATEWAY_API_ID",
    kind: "string",
    defaultText: "idpool",
    meaning: "the API id in the execute-api ARN policies are written for",
  },
  {
    key: "stage",
    flag: "--stage",
    env: "IDPOOL_GATEWAY_STAGE",
    kind: "string",
    defaultText: "$default",
    meaning: "the stage in the execute-api ARN",
  },
  {
    key: "allowUnsignedPayload",
    flag: "--allow-unsigned-payload",
    env: "IDPOOL_GATEWAY_ALLOW_UNSIGNED_PAYLOAD",
    kind: "boolean",
    defaultText: "off",
    meaning: "accept x-amz-content-sha256: UNSIGNED-PAYLOAD (the body is then not covered by the signature)",
  },
];

/** The `serve` settings the gateway shares, so that both name one store and one account. */
export const GATEWAY_SHARED_SETTING_KEYS = ["dataDir", "databaseUrl", "region", "accountId"] as const;

type Flags = Record<string, string | boolean | undefined>;

/** An API id or stage goes into an ARN's resource part, between slashes. */
const ARN_PART = /^[A-Za-z0-9$_-]{1,128}$/;

export function loadGatewayConfig(
  flags: Flags,
  env: NodeJS.ProcessEnv = process.env,
): { config: Config; gateway: GatewaySettings } {
  const shared: Flags = {};
  for (const key of GATEWAY_SHARED_SETTING_KEYS) if (flags[key] !== undefined) shared[key] = flags[key];
  const config = loadConfig(shared, env);
  const read = (spec: GatewaySettingSpec): { text: string; from: string } => {
    const flag = flags[spec.key];
    if (flag !== undefined) return { text: String(flag), from: spec.flag };
    const fromEnv = env[spec.env];
    return fromEnv === undefined ? { text: spec.defaultText, from: spec.flag } : { text: fromEnv, from: spec.env };
  };
  const values = new Map(GATEWAY_SETTINGS.map((spec) => [spec.key, read(spec)]));
  const at = (key: keyof GatewaySettings) => values.get(key) ?? { text: "", from: key };
  const upstream = at("upstream");
  if (!upstream.text) throw new ConfigError("--upstream: required (the URL allowed requests are forwarded to)");
  const checked = (key: "apiId" | "stage"): string => {
    const v = at(key);
    if (!ARN_PART.test(v.text))
      throw new ConfigError(`${v.from}: expected letters, digits, $, _ or -, got '${v.text}'`);
    return v.text;
  };
  const service = at("service");
  if (!/^[a-z0-9-]{1,64}$/.test(service.text)) {
    throw new ConfigError(`${service.from}: expected a signing name such as execute-api, got '${service.text}'`);
  }
  const host = at("host").text.trim();
  if (!host) throw new ConfigError(`${at("host").from}: must not be empty`);
  const gateway: GatewaySettings = {
    upstream: checkUrl(upstream.text, upstream.from, ["http:", "https:"]),
    host,
    port: parsePort(at("port").text, at("port").from),
    service: service.text,
    apiId: checked("apiId"),
    stage: checked("stage"),
    allowUnsignedPayload: parseBoolean(at("allowUnsignedPayload").text, at("allowUnsignedPayload").from),
  };
  return { config, gateway: Object.freeze(gateway) };
}
