import { SETTING_INPUTS, type SettingInput } from "./schema.js";

export type SettingKey = (typeof SETTING_INPUTS)[number]["key"];
/** Every setting as text, before its check: what the flags, the environment and the defaults give. */
export type RawConfig = Record<SettingKey, string>;

export interface SettingSpec extends SettingInput {
  readonly key: SettingKey;
  readonly defaultText: string;
}

/** An empty default reads "unset", a false switch "off" (as `--help` and the README word them). */
function shownDefault(input: SettingInput): string {
  if (input.defaultText !== undefined) return input.defaultText;
  if (input.defaultValue === "") return "unset";
  return input.kind === "boolean" && input.defaultValue === "false" ? "off" : input.defaultValue;
}

export const SETTINGS: readonly SettingSpec[] = SETTING_INPUTS.map((input) => ({
  ...input,
  defaultText: shownDefault(input),
}));

/** The loader's starting point: every setting at its default. */
export function defaultRawConfig(): RawConfig {
  return Object.fromEntries(SETTINGS.map((spec) => [spec.key, spec.defaultValue])) as RawConfig;
}
