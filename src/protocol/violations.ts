/**
 * How a validation message lists what failed: AWS's `Value '…' at '…' failed to satisfy
 * constraint: …` for each violation, with values rendered as AWS renders them and cut short.
 */

/**
 * How much of a value a message echoes. AWS's messages quote the value; a 60 KB token quoted whole
 * would make a 60 KB message (and log line), so longer values are cut and marked. Map keys inside a
 * member path are cut the same way.
 */
export const MAX_ECHOED_CHARACTERS = 256;

export function cut(text: string): string {
  return text.length > MAX_ECHOED_CHARACTERS ? `${text.slice(0, MAX_ECHOED_CHARACTERS)}...` : text;
}

/**
 * AWS's rendering of a value (`[a, b]`, `{k=v}`), built only as far as the echo limit needs: the
 * budget counts every character written, so a huge list or map costs no more than a short one.
 */
function render(value: unknown, budget = { left: MAX_ECHOED_CHARACTERS + 1 }): string {
  const spend = (text: string): string => {
    budget.left -= text.length;
    return text;
  };
  if (typeof value === "string") return spend(value.slice(0, Math.max(budget.left, 0)));
  if (Array.isArray(value) || (value !== null && typeof value === "object")) {
    const entries = Array.isArray(value) ? value.map((v) => [undefined, v] as const) : Object.entries(value);
    const parts: string[] = [];
    spend("[]");
    for (const [k, v] of entries) {
      if (budget.left <= 0) break;
      if (parts.length > 0) spend(", ");
      parts.push(k === undefined ? render(v, budget) : `${spend(`${cut(k)}=`)}${render(v, budget)}`);
    }
    return Array.isArray(value) ? `[${parts.join(", ")}]` : `{${parts.join(", ")}}`;
  }
  return spend(String(value));
}

/**
 * How many violations a message spells out. All are counted in its head, as AWS counts them; a
 * hostile body of 100,000 bad list members must not become a message (and a log line) of megabytes.
 */
export const MAX_LISTED_VIOLATIONS = 10;

/** The violations of one input, as they are found; `message` is AWS's text for all of them. */
export class Collector {
  private readonly problems: string[] = [];
  private count = 0;

  add(path: string, value: unknown, constraint: string): void {
    this.count++;
    if (this.problems.length >= MAX_LISTED_VIOLATIONS) return;
    const shown = value === undefined || value === null ? "null" : `'${cut(render(value))}'`;
    this.problems.push(`Value ${shown} at '${path}' failed to satisfy constraint: ${constraint}`);
  }

  /** `N validation errors detected: …` (reference §1.1), or undefined when nothing failed. */
  message(): string | undefined {
    if (this.count === 0) return undefined;
    const head = this.count === 1 ? "1 validation error detected: " : `${this.count} validation errors detected: `;
    return head + this.problems.join("; ");
  }
}
