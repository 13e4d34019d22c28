/**
 * C0 and C1 control characters and DEL (U+0000–U+001F, U+007F–U+009F). Values that become
 * identities (subjects, developer user ids, tokens) may hold none: PostgreSQL cannot store U+0000,
 * SQLite can, and a line break in a subject would forge log lines.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/u;

export function hasControlCharacter(text: string): boolean {
  return CONTROL_CHARACTER.test(text);
}

/**
 * Whether a provider URL may be `http://`: every one with `--allow-http-providers` (development
 * only), else only the exact URLs of `idpool dev`'s built-in test providers. iam/ (registering a
 * provider) and oidc/ (fetching its keys) ask the same question, so it is answered here once.
 */
export function allowsHttpProvider(
  allowAll: boolean,
  builtInUrls: (() => readonly string[]) | undefined,
  url: string,
): boolean {
  return allowAll || (builtInUrls?.().includes(url) ?? false);
}
