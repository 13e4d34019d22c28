export type { Config, RootCredentialsSetting } from "./config.js";
export { loadConfig, ConfigError } from "./load.js";
export { SETTINGS, type SettingSpec, type RawConfig } from "./schema.js";
