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

/** The last two seconds formatted: the audit trail alternates between now and an expiry. */
const isoSeconds = [Number.NaN, Number.NaN];
const isoPrefixes = ["", ""];
let isoNewest = 0;

/**
 * `new Date(epochMs).toISOString()`, with the part up to the second made once per second: the
 * audit trail stamps every record and toISOString costs about 1 µs a call on this project's VM.
 * Outside toISOString's everyday range (years 1970–9999), and for fractions of a millisecond, it defers to it.
 */
export function isoTime(epochMs: number): string {
  if (!Number.isInteger(epochMs) || epochMs < 0 || epochMs >= 253402300800000) return new Date(epochMs).toISOString();
  const second = Math.floor(epochMs / 1000);
  let slot = isoSeconds[0] === second ? 0 : isoSeconds[1] === second ? 1 : -1;
  if (slot < 0) {
    slot = 1 - isoNewest;
    isoSeconds[slot] = second;
    isoPrefixes[slot] = new Date(second * 1000).toISOString().slice(0, 20);
  }
  isoNewest = slot;
  const ms = epochMs - second * 1000;
  return `${isoPrefixes[slot]}${ms < 10 ? "00" : ms < 100 ? "0" : ""}${ms}Z`;
}
