import type { Clock } from "../../shared/index.js";

/** Leaves room for the rounding of `elapsed × rate` so that a token due now is not refused. */
const EPSILON = 1e-9;

/**
 * A token bucket of `ratePerSecond` tokens a second, holding one second of them (so a burst of
 * `ratePerSecond` requests passes at once), refilled continuously. A rate below 1 still holds one
 * token: one request passes, then one every `1 / ratePerSecond` seconds.
 */
export class TokenBucket {
  private readonly capacity: number;
  private tokens: number;
  private lastMs: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly clock: Clock,
  ) {
    if (!(ratePerSecond > 0) || !Number.isFinite(ratePerSecond)) {
      throw new Error(`a token bucket needs a rate above 0, got ${ratePerSecond}`);
    }
    this.capacity = Math.max(1, ratePerSecond);
    this.tokens = this.capacity;
    this.lastMs = clock.nowMs();
  }

  /** Takes one token if there is one; false means the request is over the rate. */
  tryTake(): boolean {
    this.refill();
    if (this.tokens + EPSILON < 1) return false;
    this.tokens = Math.max(0, this.tokens - 1);
    return true;
  }

  private refill(): void {
    const nowMs = this.clock.nowMs();
    // A clock set back adds nothing, and refilling resumes from the new time.
    const elapsedMs = Math.max(0, nowMs - this.lastMs);
    this.lastMs = nowMs;
    this.tokens = Math.min(this.capacity, this.tokens + (elapsedMs * this.ratePerSecond) / 1000);
  }
}
