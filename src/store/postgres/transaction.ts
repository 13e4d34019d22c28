import { setTimeout as sleep } from "node:timers/promises";
import type { TransactionRunner } from "../sql/kysely-store.js";

/**
 * serialization_failure and deadlock_detected: PostgreSQL aborted the transaction because of a
 * concurrent one, and running it again from the start is the documented remedy
 * (https://www.postgresql.org/docs/15/mvcc-serialization-failure-handling.html).
 * foreign_key_violation too: PostgreSQL checks foreign keys against the latest committed rows,
 * not the transaction's snapshot, so a transaction that checked "no role uses this policy" on its
 * snapshot and then deletes the policy fails on an attachment committed since; run again, its own
 * check sees the attachment and answers DeleteConflict. The only foreign keys are the managed
 * policy attachments', whose writers all check first, so a real violation cannot loop for long.
 */
const RETRYABLE_CODES: ReadonlySet<string> = new Set(["40001", "40P01", "23503"]);

/** Enough for 60 concurrent transactions on one hot row; the backoff spreads them out. */
export const MAX_TRANSACTION_ATTEMPTS = 12;
const BACKOFF_BASE_MS = 2;
const BACKOFF_CAP_MS = 100;

export function isRetryableConflict(error: unknown): boolean {
  if (typeof error !== "object" || error === null || !("code" in error)) return false;
  return RETRYABLE_CODES.has(String(error.code));
}

/** Full jitter: a random wait up to an exponentially growing cap, so retries do not collide again. */
function backoffMs(attempt: number): number {
  return Math.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
}

/**
 * PostgreSQL transactions run REPEATABLE READ (one snapshot for the whole transaction; a row
 * changed by another transaction since that snapshot cannot be written: 40001) and are retried
 * from the start on 40001 and 40P01, so callers only ever see the outcome of running after the
 * winner. That makes the domain's transactions, written against SQLite's single writer, correct,
 * because each one writes a row that its competitors also write:
 * - count-then-insert quotas (providers, pools): every configuration write bumps the one
 *   config_version row, so two concurrent creates conflict and the retry counts again;
 * - DeleteRole's "no inline policies" check: a policy written meanwhile updated the role row
 *   the delete then hits (reads inside transactions bypass the cache, see cached-store.ts);
 * - linking and merging: a login insert that meets a concurrent transaction's uncommitted login
 *   waits, then fails with 40001 instead of silently doing nothing; merges, links and unlinks all
 *   update the identities they touch, so two of them on one identity conflict.
 * SERIALIZABLE would also catch write skew, but under a burst of sign-ups its predicate locks
 * make transactions on unrelated logins abort each other until retries run out; it is used only
 * where a transaction writes no row its competitor writes (`serializable`: key rotation).
 * Only a transaction that loses MAX_TRANSACTION_ATTEMPTS times fails (as an internal error).
 */
export const retryingTransaction: TransactionRunner = async (db, fn, options) => {
  const level = options?.serializable ? "serializable" : "repeatable read";
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().setIsolationLevel(level).execute(fn);
    } catch (error) {
      if (!isRetryableConflict(error) || attempt >= MAX_TRANSACTION_ATTEMPTS) throw error;
      await sleep(backoffMs(attempt));
    }
  }
};
