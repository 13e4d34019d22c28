export type { Config, PublicProviderUrls, RootCredentialsSetting } from "./config.js";
export { ConfigError, loadConfig } from "./load.js";
export { type RawConfig, SETTINGS, type SettingSpec } from "./schema.js";
