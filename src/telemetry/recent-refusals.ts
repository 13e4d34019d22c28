import { hostname } from "node:os";
import type { Clock, EventSink, RecentRefusal } from "../shared/index.js";

/** How many refused logins a process keeps for the console (README: What it serves, IdpoolService). */
export const RECENT_REFUSALS_CAPACITY = 200;

export type { RecentRefusal };

/** An event sink that remembers the last `capacity` `login_refused` events of this process. */
export interface RecentRefusals extends EventSink {
  /** Newest first. */
  list(): readonly RecentRefusal[];
}

/** This process as refusals name it: `<hostname>:<pid>`, so entries from several workers tell apart. */
export function processName(): string {
  return `${hostname()}:${process.pid}`;
}

/**
 * A bounded ring in memory: each process keeps its own (nothing is written to the store, so a busy
 * refusal stream costs no I/O), and the oldest entry is overwritten once `capacity` are held.
 */
export function createRecentRefusals(
  clock: Clock,
  options: { readonly capacity?: number; readonly process?: string } = {},
): RecentRefusals {
  const capacity = options.capacity ?? RECENT_REFUSALS_CAPACITY;
  const name = options.process ?? processName();
  const ring: RecentRefusal[] = [];
  let next = 0; // where the next entry goes once the ring is full
  return {
    emit(event) {
      if (event.type !== "login_refused") return;
      const entry: RecentRefusal = {
        timeMs: clock.nowMs(),
        poolId: event.poolId,
        loginsKey: event.loginsKey,
        rule: event.rule,
        reason: event.reason,
        process: name,
      };
      if (ring.length < capacity) {
        ring.push(entry);
        return;
      }
      ring[next] = entry;
      next = (next + 1) % capacity;
    },
    list() {
      // Oldest is at `next` once full, at 0 before; newest just before it.
      const ordered = ring.length < capacity ? ring : [...ring.slice(next), ...ring.slice(0, next)];
      return [...ordered].reverse();
    },
  };
}
