import type { Envelope, TestStepResultStatus } from '@cucumber/messages';

/** Cucumber's status enum as its string values. */
type Status = `${TestStepResultStatus}`;
import { InfrastructureError } from '../errors.ts';
import { isInconclusiveMessage } from '../expectation.ts';
import { EXIT_CODES, type ExitCode } from './verdicts.ts';
import type { KnownDeviation } from './known-deviations.ts';
import { ruleIds } from './rule-ids.ts';

/** `inconclusive`: the broker did not meet a precondition of the check (harness/expectation.ts), so nothing was judged. */
export type ScenarioVerdict = 'passed' | 'failed' | 'inconclusive' | 'error' | 'skipped' | 'known-deviation';

export interface ScenarioOutcome {
  readonly name: string;
  /** `features/…/retained.feature:12` */
  readonly location: string;
  readonly rules: string[];
  /**
   * For a failure (or an inconclusive check) whose message names its rules (`[MQTT-3.3.4-1] …`): those
   * of `rules`. The scenario's other rules were not judged to the end, so it is no evidence for them.
   */
  readonly rulesNamed?: string[];
  readonly verdict: ScenarioVerdict;
  /** First line of the failure or error message. */
  readonly reason?: string;
  /** Why a skipped scenario does not apply (its `not applicable: …` log line). */
  readonly notApplicable?: string;
  /** What the scenario observed, from its `evidence: …` log lines (e.g. the MQ message it judged). */
  readonly evidence?: readonly string[];
  /** From the scenario's start to its end (its last attempt), for JUnit's time. */
  readonly durationMs?: number;
}

/** Log lines a scenario writes for the report (steps/support/hooks.ts, mq-support.ts). */
const NOT_APPLICABLE = 'not applicable: ';
const EVIDENCE = 'evidence: ';
/** Logged by the After hook when the broker was found gone right after the scenario (limits/broker-health.ts). */
export const BROKER_GONE = 'broker gone: ';

const WORST_FIRST: Status[] = ['FAILED', 'AMBIGUOUS', 'UNDEFINED', 'PENDING', 'SKIPPED', 'UNKNOWN', 'PASSED'];

/**
 * Turns cucumber's message stream into scenario verdicts. A failure caused by an InfrastructureError
 * (broker gone, unreachable) is an *error*, as are undefined or ambiguous steps (a defect in the
 * scenario, not in the broker); only a failed assertion is a *failed* rule.
 */
export class RunSummary {
  readonly outcomes: ScenarioOutcome[] = [];
  readonly problems: string[] = [];
  /** Listed deviations whose scenario passed: the list is stale and must be updated. */
  readonly staleDeviations: KnownDeviation[] = [];

  constructor(private readonly knownDeviations: readonly KnownDeviation[] = []) {}
  readonly #pickles = new Map<string, { name: string; uri: string; line?: number; tags: string[] }>();
  readonly #scenarioLines = new Map<string, number>();
  readonly #testCases = new Map<string, string>();
  readonly #started = new Map<
    string,
    { testCaseId: string; statuses: StepStatus[]; logs: string[]; startedMs: number }
  >();

  accept(envelope: Envelope): void {
    if (envelope.parseError) {
      const where = envelope.parseError.source.uri ?? 'a feature file';
      this.problems.push(`cannot parse ${where}: ${envelope.parseError.message}`);
    }
    if (envelope.gherkinDocument?.feature) {
      for (const child of envelope.gherkinDocument.feature.children) {
        if (child.scenario) this.#scenarioLines.set(child.scenario.id, child.scenario.location.line);
        for (const examples of child.scenario?.examples ?? []) {
          for (const row of examples.tableBody) this.#scenarioLines.set(row.id, row.location.line);
        }
      }
    }
    if (envelope.pickle) {
      const { id, name, uri, astNodeIds, tags } = envelope.pickle;
      const line =
        this.#scenarioLines.get(astNodeIds.at(-1) ?? '') ?? this.#scenarioLines.get(astNodeIds[0] ?? '');
      this.#pickles.set(id, {
        name,
        uri,
        ...(line === undefined ? {} : { line }),
        tags: tags.map((tag) => tag.name),
      });
    }
    if (envelope.testCase) this.#testCases.set(envelope.testCase.id, envelope.testCase.pickleId);
    if (envelope.testCaseStarted) {
      this.#started.set(envelope.testCaseStarted.id, {
        testCaseId: envelope.testCaseStarted.testCaseId,
        statuses: [],
        logs: [],
        startedMs: millis(envelope.testCaseStarted.timestamp),
      });
    }
    const attachment = envelope.attachment;
    if (attachment?.testCaseStartedId && attachment.mediaType === 'text/x.cucumber.log+plain') {
      this.#started.get(attachment.testCaseStartedId)?.logs.push(attachment.body);
    }
    if (envelope.testStepFinished) {
      const { status, message, exception } = envelope.testStepFinished.testStepResult;
      this.#started.get(envelope.testStepFinished.testCaseStartedId)?.statuses.push({
        status,
        ...(message ? { message } : {}),
        ...(exception?.type ? { exceptionType: exception.type } : {}),
      });
    }
    if (envelope.testCaseFinished && !envelope.testCaseFinished.willBeRetried) {
      const { testCaseStartedId, timestamp } = envelope.testCaseFinished;
      this.finish(testCaseStartedId, millis(timestamp));
    }
  }

  count(verdict: ScenarioVerdict): number {
    return this.outcomes.filter((outcome) => outcome.verdict === verdict).length;
  }

  /**
   * 0 all passed, 1 a rule failed, 2 an error (infrastructure, bad scenario) or nothing ran, 3 nothing
   * failed but a scenario was inconclusive (verdicts.ts EXIT_CODES).
   */
  get exitCode(): ExitCode {
    if (this.problems.length > 0 || this.count('error') > 0) return EXIT_CODES.error;
    if (this.count('failed') > 0 || this.staleDeviations.length > 0) return EXIT_CODES.fail;
    if (this.count('passed') === 0) return EXIT_CODES.error;
    return this.count('inconclusive') > 0 ? EXIT_CODES.inconclusive : EXIT_CODES.pass;
  }

  private finish(testCaseStartedId: string, finishedMs: number) {
    const started = this.#started.get(testCaseStartedId);
    const pickle = this.#pickles.get(this.#testCases.get(started?.testCaseId ?? '') ?? '');
    if (!started || !pickle) return;
    const worst =
      WORST_FIRST.find((status) => started.statuses.some((step) => step.status === status)) ?? 'PASSED';
    const worstStep = started.statuses.find((step) => step.status === worst);
    const message = worstStep?.message;
    let verdict = verdictOf(worst, worstStep);
    let reason = reasonOf(worst, message);
    // A scenario that failed (or found a precondition unmet) on a broker found gone right after it met a
    // dead broker, not the rule: an error.
    const gone = started.logs.find((log) => log.startsWith(BROKER_GONE))?.slice(BROKER_GONE.length);
    if (gone && (verdict === 'failed' || verdict === 'inconclusive')) {
      verdict = 'error';
      reason = `${gone} (the scenario had ended with: ${reason ?? 'a failure'})`;
    }
    // Only the listed scenario failing the listed way is the known deviation; any other failure is real.
    const listed = this.knownDeviations.find((known) => known.scenario === pickle.name);
    if (listed && verdict === 'failed' && new RegExp(listed.failure).test(message ?? ''))
      verdict = 'known-deviation';
    if (listed && verdict === 'passed') this.staleDeviations.push(listed);
    const notApplicable = started.logs
      .find((log) => log.startsWith(NOT_APPLICABLE))
      ?.slice(NOT_APPLICABLE.length);
    const evidence = started.logs
      .filter((log) => log.startsWith(EVIDENCE))
      .map((log) => log.slice(EVIDENCE.length));
    const rules = ruleIds(pickle.tags).map((rule) => rule.id);
    const rulesNamed =
      verdict === 'failed' || verdict === 'inconclusive' ? namedRules(message, rules) : undefined;
    this.outcomes.push({
      name: pickle.name,
      location: pickle.line === undefined ? pickle.uri : `${pickle.uri}:${pickle.line}`,
      rules,
      ...(rulesNamed ? { rulesNamed } : {}),
      verdict,
      ...(reason ? { reason } : {}),
      ...(verdict === 'skipped' && notApplicable ? { notApplicable } : {}),
      ...(evidence.length > 0 ? { evidence } : {}),
      durationMs: Math.max(0, finishedMs - started.startedMs),
    });
  }
}

/** A cucumber message timestamp in milliseconds. */
function millis(timestamp: { seconds: number; nanos: number }): number {
  return timestamp.seconds * 1000 + Math.round(timestamp.nanos / 1e6);
}

interface StepStatus {
  status: Status;
  message?: string;
  exceptionType?: string;
}

/**
 * Only a failed expectation (an AssertionError, with its evidence) is a rule failure. Anything else
 * thrown — the broker unreachable, a harness bug, a scenario defect — is an error: it proves nothing
 * about the rule either way.
 */
function verdictOf(status: Status, step: StepStatus | undefined): ScenarioVerdict {
  switch (status) {
    case 'PASSED':
      return 'passed';
    case 'FAILED':
      if (InfrastructureError.isInfrastructureMessage(step?.message)) return 'error';
      // An unmet precondition (harness/expectation.ts preconditionFailed) proves nothing: inconclusive.
      if (isInconclusiveMessage(step?.message)) return 'inconclusive';
      return step?.exceptionType === 'AssertionError' || step?.exceptionType === undefined
        ? 'failed'
        : 'error';
    case 'SKIPPED':
      return 'skipped';
    default:
      return 'error';
  }
}

/**
 * The scenario rules a failure message names in its leading `[RULE RULE…]` (after the error's type);
 * undefined when it names none of them (then the failure belongs to every rule of the scenario).
 */
export function namedRules(message: string | undefined, rules: readonly string[]): string[] | undefined {
  const first = message?.split('\n').find((line) => line.trim().length > 0) ?? '';
  const named = /^\s*(?:[\w.]+(?: \[\w+\])?: )?\[([A-Z][\w.-]*(?: [A-Z][\w.-]*)*)\]/
    .exec(first)?.[1]
    ?.split(' ');
  const failed = rules.filter((rule) => named?.includes(rule));
  return failed.length > 0 && failed.length < rules.length ? failed : undefined;
}

function reasonOf(status: Status, message: string | undefined): string | undefined {
  if (status === 'UNDEFINED') return 'a step has no definition (check the step text against steps/)';
  if (status === 'AMBIGUOUS') return 'a step matches more than one definition';
  if (status === 'PENDING') return 'a step is pending';
  return message
    ?.split('\n')
    .find((line) => line.trim().length > 0)
    ?.trim();
}
