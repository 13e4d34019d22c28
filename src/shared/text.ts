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
