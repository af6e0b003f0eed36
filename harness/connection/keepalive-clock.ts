/** A connection the shared clock looks after: it decides itself what a tick means for it. */
export interface Ticking {
  tick(now: number): void;
}

const TICK_MS = 1_000;

/**
 * One timer for every lean connection of the process (keep-alive PINGREQs, connect deadlines), so a
 * fleet of tens of thousands of devices holds no timer per device. It runs only while something is
 * registered and is unref'd: it never keeps the process alive. Granularity: one second.
 */
class KeepAliveClock {
  readonly #members = new Set<Ticking>();
  #timer: NodeJS.Timeout | undefined;

  add(member: Ticking): void {
    this.#members.add(member);
    if (!this.#timer) {
      this.#timer = setInterval(() => this.#tick(), TICK_MS);
      this.#timer.unref();
    }
  }

  delete(member: Ticking): void {
    this.#members.delete(member);
    if (this.#members.size === 0 && this.#timer) {
      clearInterval(this.#timer);
      this.#timer = undefined;
    }
  }

  #tick(): void {
    const now = Date.now();
    for (const member of this.#members) member.tick(now);
  }
}

export const keepAliveClock = new KeepAliveClock();
