import { InfrastructureError, UsageError } from '../../harness/errors.ts';
import { PreconditionFailed } from '../../harness/expectation.ts';
import {
  brokerGone,
  watchBroker,
  wentAwayLine,
  type BrokerGone,
} from '../../harness/limits/broker-health.ts';
import { detectLimits, type MeasuredLimits } from '../../harness/limits/limit-detection.ts';
import type { MqChoice } from '../../harness/mq/mq-choice.ts';
import type { P2pMode } from '../../harness/p2p/applicability.ts';
import { ruleApplies, type Profile } from '../../harness/profiles/profile.ts';
import {
  CLIENT_ID_PROPERTY_RULES,
  checkClientIdProperty,
} from '../../harness/properties/client-id-property.ts';
import { checkMqMapping } from '../../harness/properties/mq-mapping-properties.ts';
import type { PropertyOptions, PropertyResult } from '../../harness/properties/property-result.ts';
import { SESSION_MODEL_RULES, checkSessionModel } from '../../harness/properties/session-model-property.ts';
import { TOPIC_PROPERTY_RULES, checkTopicProperty } from '../../harness/properties/topic-property.ts';
import type { NotRun } from '../../harness/report/certification-builder.ts';
import { rulesOfArea } from '../../harness/rules/registry.ts';

export interface CertifyChecksInput {
  readonly url: string;
  readonly profile: Profile;
  readonly mq: MqChoice;
  readonly p2p: P2pMode;
  readonly options: PropertyOptions;
  /** The session model's systematic part: every command sequence up to this length (`--sequences`). */
  readonly sequences: number;
  readonly limits: boolean;
  /**
   * Work going on beside the properties (the scenario run): the limit detection starts only once it and
   * the properties are done.
   */
  readonly alongside?: Promise<unknown>;
}

export interface CertifyChecks {
  readonly properties: PropertyResult[];
  readonly limits?: MeasuredLimits;
  /** When and how the broker was noticed gone, if it was. */
  readonly wentAway?: BrokerGone;
  /** Checks that did not run (or threw), each an error under the rules it would have judged. */
  readonly notRun: NotRun[];
  readonly problems: string[];
}

/** What became of one check: its rows, or why it did not run (and a problem line when no broker died). */
interface Attempt {
  readonly properties?: readonly PropertyResult[];
  readonly notRun?: NotRun;
  readonly problem?: string;
}

interface Check {
  readonly name: string;
  readonly rules: readonly string[];
  readonly run: () => Promise<readonly PropertyResult[]>;
}

/**
 * The checks of `certify` besides the scenarios: the properties, side by side with each other and with the
 * scenario run (`alongside`; each uses its own client IDs and topics), then the limit detection (last,
 * after every verdict is in, since it probes the broker at and beyond its limits). Before each check the
 * broker must still serve a fresh client; once it does not, it *went away*: what ran is kept, and every
 * check not run is an error under the rules it would have judged ("broker went away at …"). A check that
 * throws loses only its own rows (an error with the reason), never the verdicts gathered beside it.
 * The rows come in the order of the checks, whichever ends first.
 */
export async function runCertifyChecks(input: CertifyChecksInput): Promise<CertifyChecks> {
  const { url, profile, options } = input;
  let limits: MeasuredLimits | undefined;
  const runs = options.numRuns;
  const checks: Check[] = [];
  if (profile.clientId) {
    console.log(
      `mqtt-harness: property tests (${runs} cases each${options.seed === undefined ? '' : `, seed ${options.seed}`}) …`,
    );
    let clientIdRun: Promise<PropertyResult> | undefined;
    const clientIds = () => (clientIdRun ??= checkClientIdProperty(url, profile, options));
    checks.push({
      name: 'client ID property',
      rules: CLIENT_ID_PROPERTY_RULES,
      run: async () => [await clientIds()],
    });
    checks.push({
      name: 'topic property',
      rules: TOPIC_PROPERTY_RULES,
      run: async () => {
        // Without a given seed, the topic property takes the one the client ID property drew.
        const seed = options.seed ?? (await clientIds().catch(() => undefined))?.seed;
        return [
          await checkTopicProperty(url, profile, { ...options, ...(seed === undefined ? {} : { seed }) }),
        ];
      },
    });
  }
  // QoS × cleanSession model-based test (QCS): every profile; `--path` replays a printed failure.
  checks.push({
    name: 'session model property',
    rules: SESSION_MODEL_RULES,
    run: async () => {
      console.log(
        `mqtt-harness: session model (every sequence up to ${input.sequences} commands, then ${runs} random runs) …`,
      );
      return [await checkSessionModel(url, profile, { ...options, sequences: input.sequences })];
    },
  });
  if (input.mq.kind !== 'none' && ruleApplies(profile, 'MQM-1'))
    checks.push({
      name: 'MQ mapping properties',
      rules: rulesOfArea('MQM').map((rule) => rule.id),
      run: async () => {
        console.log(`mqtt-harness: MQ mapping properties (${runs} cases each) …`);
        return checkMqMapping(url, input.mq, profile, input.p2p, options);
      },
    });

  const limitDetection: Check | undefined = input.limits
    ? {
        name: 'limit detection',
        rules: ['ROB-1'],
        run: async () => {
          console.log('mqtt-harness: limit detection …');
          limits = await detectLimits(url, profile);
          return [];
        },
      }
    : undefined;

  let gone: BrokerGone | undefined = brokerGone(url);
  const attempt = async (check: Check): Promise<Attempt> => {
    if (gone)
      return { notRun: { name: check.name, rules: check.rules, why: `not run: ${wentAwayLine(gone)}` } };
    try {
      return { properties: await check.run() };
    } catch (error) {
      if (error instanceof UsageError) throw error; // e.g. a --path that names no case: exit 2, not a row
      // Only this check's rows are lost (errors with the reason); a broker that died under it is said so.
      gone ??= await watchBroker(url, profile, `the ${check.name}`);
      // A precondition the broker did not meet (a lawful refusal in a check's setup) judges nothing:
      // inconclusive under the check's rules, no problem of the run.
      if (!gone && error instanceof PreconditionFailed)
        return { notRun: { name: check.name, rules: check.rules, why: error.message, inconclusive: true } };
      const reason =
        error instanceof InfrastructureError
          ? error.reason
          : `${error instanceof Error ? error.message : String(error)} (a harness error)`;
      const why = gone ? wentAwayLine(gone) : reason;
      return {
        notRun: { name: check.name, rules: check.rules, why: `could not run: ${why}` },
        ...(gone ? {} : { problem: why.startsWith(check.name) ? why : `${check.name}: ${why}` }),
      };
    }
  };
  gone ??= await watchBroker(url, profile, 'the start');
  const outcomes = await Promise.all(checks.map(attempt));
  await input.alongside?.catch(() => undefined);
  // A property that failed on a broker found gone right after met a dead broker, not the rule: an error
  // (as a scenario's failure is, steps/support/hooks.ts). The scenarios beside it may have killed it.
  const unproven = (p: PropertyResult) => p.verdict === 'fail' || p.verdict === 'inconclusive';
  if (outcomes.some((o) => o.properties?.some(unproven)))
    gone ??= await watchBroker(url, profile, 'the properties');
  const died = gone;
  const judged = (p: PropertyResult): PropertyResult =>
    died && unproven(p)
      ? {
          ...p,
          verdict: 'error',
          detail: `${wentAwayLine(died)} (the property had ended with: ${p.detail ?? 'a failure'})`,
        }
      : p;
  if (limitDetection) {
    gone ??= await watchBroker(
      url,
      profile,
      input.alongside ? 'the scenarios and the properties' : 'the properties',
    );
    outcomes.push(await attempt(limitDetection));
  }
  // In the order of the checks, whichever ended first: the same report every run.
  const properties = outcomes.flatMap((o) => o.properties ?? []).map(judged);
  const notRun = outcomes.flatMap((o) => (o.notRun ? [o.notRun] : []));
  const problems = outcomes.flatMap((o) => (o.problem ? [o.problem] : []));
  return { properties, ...(limits ? { limits } : {}), ...(gone ? { wentAway: gone } : {}), notRun, problems };
}
