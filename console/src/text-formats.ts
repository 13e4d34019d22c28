/** The small text formats of the console's forms and tables: `key=value` lines, lists, ages. */

/** `key=value` lines (tags, supported login providers, principal-tag maps); blank lines skipped. */
export function parsePairs(
  text: string,
): { ok: true; value: Record<string, string> } | { ok: false; line: number; message: string } {
  const value: Record<string, string> = {};
  const lines = text.split("\n");
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line) continue;
    const at = line.indexOf("=");
    if (at <= 0) return { ok: false, line: index + 1, message: `line ${index + 1}: expected key=value, got "${line}"` };
    const key = line.slice(0, at).trim();
    if (key in value) return { ok: false, line: index + 1, message: `line ${index + 1}: "${key}" is given twice` };
    value[key] = line.slice(at + 1).trim();
  }
  return { ok: true, value };
}

export const formatPairs = (value: Readonly<Record<string, string>> | undefined): string =>
  Object.entries(value ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join("\n");

/** One entry a line, blank lines skipped, duplicates dropped. */
export const parseLines = (text: string): string[] => [
  ...new Set(
    text
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean),
  ),
];

/** "3 days", "5 hours", "12 minutes": how old something created at `from` is at `now`. */
export function age(from: Date, now: Date): string {
  const seconds = Math.max(0, Math.round((now.getTime() - from.getTime()) / 1000));
  const units: [number, string][] = [
    [86_400, "day"],
    [3_600, "hour"],
    [60, "minute"],
  ];
  for (const [size, name] of units) {
    const n = Math.floor(seconds / size);
    if (n >= 1) return `${n} ${name}${n === 1 ? "" : "s"}`;
  }
  return `${seconds} second${seconds === 1 ? "" : "s"}`;
}
