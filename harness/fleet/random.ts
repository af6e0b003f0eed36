/**
 * A small seeded PRNG (mulberry32): the same seed gives the same workload, run after run. Not for
 * anything secret.
 */
export class SeededRandom {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0 || 0x9e3779b9;
  }

  /** A float in [0, 1). */
  next(): number {
    let t = (this.#state = (this.#state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** An integer in [0, bound). */
  below(bound: number): number {
    return Math.floor(this.next() * bound);
  }

  pick<T>(items: readonly T[]): T | undefined {
    return items.length === 0 ? undefined : items[this.below(items.length)];
  }
}

/**
 * Turns a rate into whole events per tick without drift: the fractional rest carries over, so a
 * rate of 0.3 per tick gives 3 events in 10 ticks, the same in every run.
 */
export class RateCounter {
  #carry = 0;

  constructor(private readonly perTick: number) {}

  take(): number {
    this.#carry += this.perTick;
    const whole = Math.floor(this.#carry + 1e-9);
    this.#carry -= whole;
    return whole;
  }
}
