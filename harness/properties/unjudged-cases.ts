import { PreconditionFailed } from '../expectation.ts';
import { compareRuleIds } from '../rules/rule.ts';
import type { PropertyResult } from './property-result.ts';

/**
 * A model-based test's cases the broker left unjudged: a PreconditionFailed (harness/expectation.ts)
 * skips its case and the others are still judged, so one never hides a failure of another. What the
 * skipped cases would have judged is kept for the report: their rules, how many, and the reason of the
 * first in case order (not in the order cases finished, which varies: the report is the same every run).
 */
export class UnjudgedCases {
  #count = 0;
  #first: { readonly order: number; readonly error: PreconditionFailed } | undefined;
  readonly #rules = new Set<string>();

  /**
   * Runs a case; false when the broker left it unjudged. Anything else thrown (a mismatch) is rethrown.
   * `order` places the case (systematic index, then the random runs after them); `rules` are the ones
   * it would have exercised.
   */
  async unlessInconclusive(
    run: () => Promise<void>,
    order: number,
    rules: Iterable<string>,
  ): Promise<boolean> {
    try {
      await run();
      return true;
    } catch (error) {
      if (!(error instanceof PreconditionFailed)) throw error;
      this.#count++;
      for (const rule of rules) this.#rules.add(rule);
      if (!this.#first || order < this.#first.order) this.#first = { order, error };
      return false;
    }
  }

  /**
   * No case failed: a pass for the rules the judged cases exercised, and inconclusive for the rules of
   * the unjudged ones (a pass would claim what was never tried: QoS 2 on a broker that closes QoS 2
   * PUBLISHes); inconclusive outright when none was judged.
   */
  verdict(base: Omit<PropertyResult, 'verdict'>, exercised: ReadonlySet<string>): PropertyResult {
    if (!this.#first) return { ...base, verdict: 'pass', exercised: [...exercised] };
    const unjudged = {
      rules: [...this.#rules].sort(compareRuleIds),
      detail: `${this.#count} case(s) left unjudged by the broker, the first: ${this.#first.error.message}`,
    };
    if (exercised.size === 0) return { ...base, verdict: 'inconclusive', detail: unjudged.detail, unjudged };
    return { ...base, verdict: 'pass', exercised: [...exercised], unjudged };
  }
}
