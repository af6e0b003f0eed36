import type { Envelope, Pickle } from '@cucumber/messages';
import { Status, type TestResult } from 'allure-js-commons';
import {
  allureIdentity,
  allureName,
  exampleRowOf,
  indexExampleRows,
  type ExampleRow,
} from './allure-identity.ts';
import { ruleLabels } from './rule-ids.ts';
import { RunSummary, type ScenarioOutcome } from './run-summary.ts';

/** How the harness's verdicts read in Allure: a rule failure is *failed*, an error *broken*. */
const STATUS: Record<ScenarioOutcome['verdict'], Status> = {
  passed: Status.PASSED,
  failed: Status.FAILED,
  'known-deviation': Status.FAILED,
  // Allure has no inconclusive status: broken (not a failure), in the "Inconclusive" category.
  inconclusive: Status.BROKEN,
  error: Status.BROKEN,
  skipped: Status.SKIPPED,
};

/**
 * What the harness adds to allure-cucumberjs's results, seen through the cucumber messages it relays:
 *
 * - each Scenario Outline row is a test of its own, named by its values (and Examples block), with an
 *   identity of its own (allure-identity.ts), so no row is shown as a retry of another;
 * - the status is the harness's verdict (RunSummary, the one the terminal and the certification use):
 *   allure-cucumberjs takes it from the steps alone, so a scenario whose Before hook threw (the broker
 *   gone) read *skipped*, and one the harness calls an error (a failure on a dead broker) read *failed*;
 * - a scenario that does not apply says why in its message, so Allure's category shows the reason;
 * - every result carries its rule labels (epic = area, story = rule), also a scenario skipped by a
 *   Before hook before the rule-labels hook ran, so the report's area → rule tree holds every scenario.
 */
export class AllureScenarios {
  readonly #rows = new Map<string, ExampleRow>();
  readonly #pickles = new Map<string, Pickle>();
  readonly #testCases = new Map<string, string>();
  readonly #startedCases = new Map<string, string>();
  readonly #identities = new Set<string>();
  readonly #summary = new RunSummary();
  /** The scenario whose result allure-cucumberjs is about to write (it does so inside testCaseFinished). */
  #finishing: { pickle: Pickle; outcome: ScenarioOutcome | undefined } | undefined;

  /** Relays `envelope` to allure-cucumberjs through `relay`, as this class needs it shaped. */
  pass(envelope: Envelope, relay: (envelope: Envelope) => void): void {
    this.#summary.accept(envelope);
    if (envelope.gherkinDocument) indexExampleRows(envelope.gherkinDocument, this.#rows);
    if (envelope.pickle) {
      this.#pickles.set(envelope.pickle.id, envelope.pickle);
      const row = exampleRowOf(envelope.pickle, this.#rows);
      relay({ ...envelope, pickle: { ...envelope.pickle, name: allureName(envelope.pickle, row) } });
      return;
    }
    if (envelope.testCase) this.#testCases.set(envelope.testCase.id, envelope.testCase.pickleId);
    if (envelope.testCaseStarted)
      this.#startedCases.set(envelope.testCaseStarted.id, envelope.testCaseStarted.testCaseId);
    const finished = envelope.testCaseFinished;
    if (!finished || finished.willBeRetried) {
      relay(envelope);
      return;
    }
    const testCase = this.#startedCases.get(finished.testCaseStartedId);
    const pickle = this.#pickles.get(this.#testCases.get(testCase ?? '') ?? '');
    // RunSummary has just judged this scenario: its outcome is the last one.
    this.#finishing = pickle ? { pickle, outcome: this.#summary.outcomes.at(-1) } : undefined;
    try {
      relay(envelope);
    } finally {
      this.#finishing = undefined;
    }
  }

  /** allure-js-commons' listener, called as each result is written. */
  readonly beforeTestResultWrite = (result: TestResult): void => {
    const finishing = this.#finishing;
    if (!finishing) return;
    const row = exampleRowOf(finishing.pickle, this.#rows);
    let identity = allureIdentity(finishing.pickle, row);
    // Two rows with the very same block and values would still share one: never let them.
    for (let n = 2; this.#identities.has(identity); n++)
      identity = allureIdentity(finishing.pickle, row) + `-${n}`;
    this.#identities.add(identity);
    result.testCaseId = identity;
    result.historyId = identity;
    const labels = ruleLabels(finishing.pickle.tags.map((tag) => tag.name)).filter(
      (label) => !result.labels.some((had) => had.name === label.name && had.value === label.value),
    );
    result.labels.push(...labels);
    const outcome = finishing.outcome;
    if (!outcome || outcome.name !== finishing.pickle.name) return;
    result.status = STATUS[outcome.verdict];
    const message =
      outcome.verdict === 'skipped' && outcome.notApplicable
        ? `not applicable: ${outcome.notApplicable}`
        : outcome.verdict === 'error' || outcome.verdict === 'failed' || outcome.verdict === 'inconclusive'
          ? outcome.reason
          : undefined;
    if (message && !result.statusDetails.message) result.statusDetails = { ...result.statusDetails, message };
  };
}
