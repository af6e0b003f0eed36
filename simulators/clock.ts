/** Where simulated actors read the time: injectable, so "a message a day old" needs no day (RTC-6, ESL-3). */
export interface Clock {
  now(): number;
}

/**
 * Real time plus an offset that only moves forward. One per scenario, shared by its devices and
 * services, so a message stamped by a service and read by a phone after `advance(25 h)` is 25 h old.
 */
export class ScenarioClock implements Clock {
  #offsetMs = 0;

  now(): number {
    return Date.now() + this.#offsetMs;
  }

  advance(ms: number): void {
    if (!(ms >= 0)) throw new Error(`a clock only moves forward; got ${ms} ms`);
    this.#offsetMs += ms;
  }
}

/** A clock that moves only when told to, for unit tests. */
export class ManualClock implements Clock {
  constructor(private at = 0) {}

  now(): number {
    return this.at;
  }

  advance(ms: number): void {
    this.at += ms;
  }
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
