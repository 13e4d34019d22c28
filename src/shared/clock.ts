/** Time is injected so tests can move it; production uses the system clock. */
export interface Clock {
  nowMs(): number;
}

export const systemClock: Clock = { nowMs: () => Date.now() };

export function nowEpochSeconds(clock: Clock): number {
  return Math.floor(clock.nowMs() / 1000);
}

/** A clock tests can set and advance. */
export class ManualClock implements Clock {
  constructor(private currentMs: number) {}
  nowMs(): number {
    return this.currentMs;
  }
  set(ms: number): void {
    this.currentMs = ms;
  }
  advanceMs(ms: number): void {
    this.currentMs += ms;
  }
}
