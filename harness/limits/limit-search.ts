import { checkBrokerHealth } from './broker-health.ts';
import type { Profile } from '../profiles/profile.ts';

/** ROB-1: the probe after which the broker no longer served a fresh client, and how that showed. */
export interface RobustnessFinding {
  /** The input that did it, e.g. "a SUBSCRIBE to a topic of 65,535 characters". */
  readonly probe: string;
  readonly how: string;
}

/** A search's result; `stopped` when the broker was harmed first (`value` is then only a lower bound). */
export interface SearchResult {
  readonly value: number | undefined;
  readonly capped: boolean;
  readonly stopped?: string;
}

/** Thrown by a probe after which the broker failed its health check: every search stops there. */
export class BrokerHarmed extends Error {
  constructor(readonly finding: RobustnessFinding) {
    super(`the broker stopped serving after ${finding.probe}: ${finding.how}`);
  }
}

/**
 * Runs each probe and then a health check (broker-health.ts), so a probe that crashed or wedged the broker
 * is named as the input that did it (ROB-1) instead of being read as a refusal, a limit or a run error.
 */
export class Prober {
  probes = 0;
  finding: RobustnessFinding | undefined;

  constructor(
    private readonly url: string,
    private readonly profile: Profile,
  ) {}

  async probe<T>(input: string, attempt: () => Promise<T>): Promise<T> {
    if (this.finding) throw new BrokerHarmed(this.finding);
    this.probes += 1;
    let outcome: { value: T } | { error: unknown };
    try {
      outcome = { value: await attempt() };
    } catch (error) {
      outcome = { error };
    }
    // Checked whatever the probe's own outcome: a probe that got no answer may have wedged the broker.
    const health = await checkBrokerHealth(this.url, this.profile);
    if (!health.healthy) {
      this.finding = { probe: input, how: health.how };
      throw new BrokerHarmed(this.finding);
    }
    if ('error' in outcome) throw outcome.error;
    return outcome.value;
  }
}

/**
 * The largest n in [low, cap] with accepts(n), assuming monotonic acceptance; undefined if low fails.
 * From below: doubling until a refusal (or the cap), then a binary search between the last acceptance and
 * the first refusal, so a broker that takes ordinary sizes is never sent the cap first.
 */
export async function searchFromBelow(
  low: number,
  cap: number,
  accepts: (n: number) => Promise<boolean>,
): Promise<SearchResult> {
  let good: number | undefined;
  try {
    let bad: number | undefined;
    for (let n = low; bad === undefined; n = Math.min(cap, Math.max(2 * n, n + 1))) {
      if (!(await accepts(n))) bad = n;
      else if (n >= cap) return { value: cap, capped: true };
      else good = n;
    }
    if (good === undefined) return { value: undefined, capped: false };
    while (bad - good > 1) {
      const mid = Math.floor((good + bad) / 2);
      if (await accepts(mid)) good = mid;
      else bad = mid;
    }
    return { value: good, capped: false };
  } catch (error) {
    if (!(error instanceof BrokerHarmed)) throw error;
    return { value: good, capped: false, stopped: error.message };
  }
}
