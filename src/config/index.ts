export type { Config, PublicProviderUrls, RootCredentialsSetting, TelemetryConfig } from "./config.js";
export {
  DEV_DATA_DIR,
  DEV_SETTINGS,
  type DevSettingSpec,
  type DevSettings,
  isLoopbackHost,
  loadDevConfig,
} from "./dev.js";
export {
  GATEWAY_SETTINGS,
  GATEWAY_SHARED_SETTING_KEYS,
  type GatewaySettingSpec,
  type GatewaySettings,
  loadGatewayConfig,
} from "./gateway.js";
export { loadConfig } from "./load.js";
export { type RawConfig, SETTINGS, type SettingSpec } from "./settings.js";
export { ConfigError } from "./values.js";
