/** What an apply did, by resource (`role MyPoolAuthenticated`, `identity pool MyPool (us-east-1:…)`). */
export interface ApplySummary {
  readonly created: string[];
  readonly updated: string[];
  readonly deleted: string[];
  readonly unchanged: string[];
}

export const emptySummary = (): ApplySummary => ({ created: [], updated: [], deleted: [], unchanged: [] });

export function hasChanges(s: ApplySummary): boolean {
  return s.created.length + s.updated.length + s.deleted.length > 0;
}

/** One line per kind of change; "no changes" when there was none. */
export function describeSummary(s: ApplySummary): string {
  if (!hasChanges(s)) return `no changes (${s.unchanged.length} unchanged)`;
  const lines = (["created", "updated", "deleted"] as const)
    .filter((k) => s[k].length > 0)
    .map((k) => `${k} ${s[k].length}: ${s[k].join(", ")}`);
  return [...lines, `unchanged ${s.unchanged.length}`].join("\n");
}
