import type { SmartAp } from './smart-ap.ts';

/**
 * Drives the radio polling of every tag of a store with one timer (ESL-1), instead of a timer per
 * tag or per AP: a fleet of thousands of tags stays cheap. After each round every AP reports.
 */
export class TagPoller {
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly aps: readonly SmartAp[],
    readonly intervalMs: number,
  ) {}

  start(): void {
    this.stop();
    this.#timer = setInterval(() => this.round(), this.intervalMs);
    this.#timer.unref();
  }

  /** One polling round: every live tag exchanges data with its AP, then each AP reports upstream. */
  round(): void {
    for (const ap of this.aps) {
      for (const tag of ap.tags) tag.poll(ap);
      ap.reportStatus();
    }
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
