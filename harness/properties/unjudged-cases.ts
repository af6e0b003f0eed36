import { PreconditionFailed } from '../expectation.ts';
import type { PropertyResult } from './property-result.ts';

/**
 * A model-based test's cases the broker left unjudged: a PreconditionFailed (harness/expectation.ts)
 * skips its case, and the first one's reason is kept for the report.
 */
export class UnjudgedCases {
  #count = 0;
  #first: PreconditionFailed | undefined;

  /** Runs a case; false when the broker left it unjudged, rethrowing anything else (a mismatch fails). */
  async unlessInconclusive(run: () => Promise<void>): Promise<boolean> {
    try {
      await run();
      return true;
    } catch (error) {
      if (!(error instanceof PreconditionFailed)) throw error;
      this.#count++;
      this.#first ??= error;
      return false;
    }
  }

  /**
   * No case failed: a pass for the rules the judged cases exercised, saying how many were left unjudged;
   * inconclusive when none was judged at all.
   */
  verdict(base: Omit<PropertyResult, 'verdict'>, exercised: ReadonlySet<string>): PropertyResult {
    if (!this.#first) return { ...base, verdict: 'pass', exercised: [...exercised] };
    if (exercised.size === 0) return { ...base, verdict: 'inconclusive', detail: this.#first.message };
    return {
      ...base,
      verdict: 'pass',
      exercised: [...exercised],
      detail: `${this.#count} case(s) left unjudged by the broker, the first: ${this.#first.message}`,
    };
  }
}
