import { defineOperation, type Operation, struct } from "../../protocol/index.js";
import type { RecentRefusal } from "../../shared/index.js";

export type RecentRefusalEntry = RecentRefusal;

/** Where the recent refusals are read from: identity/ knows only this, not telemetry/ (layering). */
export interface RecentRefusalSource {
  /** Newest first. */
  list(): readonly RecentRefusalEntry[] | Promise<readonly RecentRefusalEntry[]>;
}

export const NO_RECENT_REFUSALS: RecentRefusalSource = { list: () => [] };

/**
 * IdpoolService.ListRecentRefusals (README: What it serves): the last refused logins this process
 * saw (200 at most, kept in memory by each process), newest first: time (epoch seconds, as AWS
 * JSON timestamps), pool, logins key, the failing rule and the reason, and which process refused
 * it; never the token. With --workers each worker answers from its own ring. Root only.
 */
export function listRecentRefusals(source: RecentRefusalSource): Operation {
  return defineOperation({
    service: "idpool",
    name: "ListRecentRefusals",
    auth: "root",
    input: struct({}),
    async handle() {
      const entries = await source.list();
      return {
        Refusals: entries.map((entry) => ({
          Time: new Date(entry.timeMs),
          IdentityPoolId: entry.poolId,
          LoginsKey: entry.loginsKey,
          Rule: entry.rule,
          Reason: entry.reason,
          Process: entry.process,
        })),
      };
    },
  });
}
