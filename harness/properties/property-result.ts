import fc from 'fast-check';
import { InfrastructureError } from '../errors.ts';
import { PreconditionFailed } from '../expectation.ts';

/** The outcome of one property run, as the certification report shows it. */
export interface PropertyResult {
  readonly name: string;
  /** The rules the property checks; a failure is filed under the rule its counter-example breaks. */
  readonly rules: readonly string[];
  readonly verdict: 'pass' | 'fail' | 'inconclusive' | 'error';
  readonly runs: number;
  readonly seed: number;
  /** The shrunk counter-example (JSON) and the path that replays it with the seed. */
  readonly counterexample?: string;
  readonly path?: string;
  /**
   * The rules its generated cases actually exercised (absent: every rule in `rules`). A pass is credited
   * only to these, so a short or unlucky run never vouches for a rule it did not try.
   */
  readonly exercised?: readonly string[];
  /**
   * Cases the broker left unjudged beside a pass (a precondition it did not meet): the rules they would
   * have exercised, inconclusive in the report, and how many with the first one's reason.
   */
  readonly unjudged?: { readonly rules: readonly string[]; readonly detail: string };
  /** The rule the counter-example breaks, and what happened. */
  readonly rule?: string;
  readonly detail?: string;
}

export interface PropertyOptions {
  readonly numRuns: number;
  readonly seed?: number;
  readonly path?: string;
}

/** A mismatch between the broker and the oracle, carrying the rule the case belongs to. */
export class PropertyMismatch extends Error {
  constructor(
    readonly rule: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Runs an async property with fast-check and turns the outcome into a PropertyResult: a mismatch
 * is a *fail* (shrunk, with seed and path), anything else thrown (broker gone) is an *error*.
 */
export async function runProperty<T>(
  name: string,
  rules: readonly string[],
  arbitrary: fc.Arbitrary<T>,
  predicate: (value: T) => Promise<void>,
  options: PropertyOptions,
): Promise<PropertyResult> {
  const seed = options.seed ?? (Date.now() ^ (Math.random() * 0x1_0000_0000)) | 0;
  const details = await fc.check(fc.asyncProperty(arbitrary, predicate), {
    numRuns: options.numRuns,
    seed,
    ...(options.path ? { path: options.path } : {}),
    endOnFailure: false,
  });
  const base = { name, rules, runs: details.numRuns, seed };
  if (!details.failed) return { ...base, verdict: 'pass' };
  const path = details.counterexamplePath ?? undefined;
  return failedProperty(
    base,
    details.errorInstance,
    JSON.stringify(details.counterexample?.[0]),
    path,
    'property',
  );
}

/**
 * The verdict of a failed property: a PropertyMismatch is a rule *fail* (with its shrunk
 * counter-example and replay path); a precondition the broker did not meet (a lower grant) leaves it
 * *inconclusive*; anything else thrown (broker gone, harness bug) is an *error*.
 */
export function failedProperty(
  base: Pick<PropertyResult, 'name' | 'rules' | 'runs' | 'seed'>,
  error: unknown,
  counterexample: string,
  path: string | undefined,
  what: string,
): PropertyResult {
  const replay = path ? { path } : {};
  if (error instanceof PropertyMismatch) {
    return { ...base, verdict: 'fail', counterexample, ...replay, rule: error.rule, detail: error.message };
  }
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof PreconditionFailed)
    return { ...base, verdict: 'inconclusive', counterexample, ...replay, detail: message };
  return {
    ...base,
    verdict: 'error',
    counterexample,
    ...replay,
    detail: error instanceof InfrastructureError ? error.reason : `the ${what} could not run: ${message}`,
  };
}
