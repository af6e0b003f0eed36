import type { Clock } from '../clock.ts';
import type { SimMessage, Verdict } from '../message.ts';

/**
 * What a device does before acting on a message (RTC-6, ESL-3): discard it when it is older than the
 * timeliness limit, and when its ID was already seen within the de-duplication window. Lives only in
 * device simulators; conformance checks see every copy the broker sent.
 *
 * Memory stays bounded by the window: IDs are kept in arrival order and expire from the front, so a
 * device that is idle holds nothing and needs no timer.
 */
export class InboxFilter {
  readonly #seen = new Map<string, number>();

  constructor(
    private readonly dedupWindowMs: number,
    private readonly maxAgeMs: number,
    private readonly clock: Clock,
  ) {}

  judge(message: SimMessage): Verdict {
    const now = this.clock.now();
    if (now - message.sentAt > this.maxAgeMs) return 'stale';
    this.expire(now);
    if (this.#seen.has(message.id)) return 'duplicate';
    if (this.dedupWindowMs > 0) this.#seen.set(message.id, now);
    return 'accepted';
  }

  /** How many IDs are remembered (for tests and fleet memory checks). */
  get remembered(): number {
    return this.#seen.size;
  }

  private expire(now: number): void {
    for (const [id, at] of this.#seen) {
      if (now - at <= this.dedupWindowMs) break;
      this.#seen.delete(id);
    }
  }
}
