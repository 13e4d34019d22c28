import { serviceError } from "../errors/index.js";

/**
 * Read-modify-write against a versioned record: `update` names the version read and fails when
 * another writer got there first; then the change is re-applied to the fresh record. After a few
 * lost races IAM's own answer, ConcurrentModification, tells the caller to retry.
 */
const ATTEMPTS = 5;

export interface Versioned {
  readonly version: number;
}

export interface OptimisticTarget<R extends Versioned> {
  load(): Promise<R | undefined>;
  save(next: R, expectedVersion: number): Promise<boolean>;
  /** Thrown when the record does not exist (or vanished mid-way). */
  missing(): Error;
  /** Names the entity in the ConcurrentModification message. */
  readonly description: string;
}

/** Applies `change` (which may throw a validation error) and returns the stored result. */
export async function updateOptimistically<R extends Versioned>(
  target: OptimisticTarget<R>,
  change: (current: R) => R,
): Promise<R> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const current = await target.load();
    if (!current) throw target.missing();
    const next = change(current);
    if (await target.save(next, current.version)) return { ...next, version: current.version + 1 };
  }
  throw serviceError(
    "IamConcurrentModification",
    `Another request changed ${target.description} at the same time; retry the request.`,
  );
}
