import type { DeclaredLimits, Profile } from '../profiles/profile.ts';
import { ruleApplies } from '../profiles/profile.ts';
import { compareRuleIds } from '../rules/rule.ts';
import type { ScenarioOutcome } from './run-summary.ts';
import { EXIT_CODES, type ExitCode, type OverallVerdict, type RuleVerdict } from './verdicts.ts';

/** The schema name and version every certification report carries (see certification-schema.md). */
export const CERTIFICATION_SCHEMA = 'mqtt-harness/certification/v2';

/** One scenario or property that bears on a rule. */
export interface Evidence {
  /** `probes`: the limit detection's probes, judged for ROB-1 (the broker survives them). */
  readonly kind: 'scenario' | 'property' | 'probes';
  readonly name: string;
  /** `features/conformance/client-id.feature:17` for a scenario. */
  readonly location?: string;
  readonly verdict: RuleVerdict;
  /** The failure (with its counter-example), the error, or why the scenario does not apply. */
  readonly detail?: string;
  /** Properties: the shrunk counter-example, the seed and path that replay it, the runs made. */
  readonly counterexample?: string;
  readonly seed?: number;
  readonly path?: string;
  readonly runs?: number;
  /** A scenario's run time (for JUnit), in milliseconds. */
  readonly durationMs?: number;
}

export interface RuleRow {
  readonly rule: string;
  readonly verdict: RuleVerdict;
  readonly counts: Readonly<Record<RuleVerdict, number>>;
  /** Every failed, errored or not-applicable item, then the passing ones. */
  readonly evidence: readonly Evidence[];
}

/** A limit as the profile declares it beside what the broker was measured to do. */
export interface LimitRow {
  readonly limit: string;
  readonly declared?: string;
  readonly measured?: string;
  /** How it was measured, or why it could not be. */
  readonly note: string;
}

export interface CertificationReport {
  readonly schema: typeof CERTIFICATION_SCHEMA;
  readonly target: {
    readonly spec: string;
    readonly software: string;
    /** How P2P reached clients in this run (P2P-1): native, auto-subscribe, client (emulated) or none. */
    readonly p2p?: string;
    /** The MQ side of the run (MQM): memory, amqp (URL without password) or none with the reason. */
    readonly mq?: string;
  };
  readonly profile: {
    readonly name: string;
    readonly title: string;
    readonly limits: DeclaredLimits;
    readonly duplicateId: string;
    readonly provisioning?: {
      readonly groupIds: readonly string[];
      readonly parentTopics: readonly string[];
    };
    /** How clients authenticated (mode only: never a key, token or password). */
    readonly auth: string;
  };
  readonly startedAt: string;
  readonly durationMs: number;
  /** The fast-check seed of the property tests; `--seed` replays them. */
  readonly seed?: number;
  readonly verdict: OverallVerdict;
  readonly exitCode: ExitCode;
  readonly counts: Readonly<Record<RuleVerdict, number>>;
  readonly rules: readonly RuleRow[];
  readonly limits: readonly LimitRow[];
  /** Rules the profile includes that nothing in this run checked, so a vendor sees the gaps. */
  readonly notCovered: readonly string[];
  /** Infrastructure or scenario problems (each makes the verdict `error`). */
  readonly problems: readonly string[];
}

const VERDICTS: readonly RuleVerdict[] = ['pass', 'fail', 'inconclusive', 'not applicable', 'error'];

/**
 * A scenario outcome as evidence: a failed assertion fails the rule, an unmet precondition leaves it
 * inconclusive; anything else thrown is an error.
 */
export function scenarioEvidence(outcome: ScenarioOutcome, notApplicableReason?: string): Evidence {
  const verdict: RuleVerdict =
    outcome.verdict === 'passed'
      ? 'pass'
      : outcome.verdict === 'failed' || outcome.verdict === 'known-deviation'
        ? 'fail'
        : outcome.verdict === 'inconclusive'
          ? 'inconclusive'
          : outcome.verdict === 'skipped' && (notApplicableReason ?? outcome.notApplicable)
            ? 'not applicable'
            : 'error';
  const detail =
    verdict === 'not applicable'
      ? (notApplicableReason ?? outcome.notApplicable)
      : verdict === 'pass'
        ? outcome.evidence?.join(' | ')
        : outcome.reason;
  return {
    kind: 'scenario',
    name: outcome.name,
    location: outcome.location,
    verdict,
    ...(detail ? { detail } : {}),
    ...(outcome.durationMs === undefined ? {} : { durationMs: outcome.durationMs }),
  };
}

/**
 * Groups evidence by rule: fail beats error beats inconclusive beats pass beats not applicable — a rule
 * passes only when everything that judged it passed.
 */
export function ruleRows(
  profile: Profile,
  evidenceByRule: ReadonlyMap<string, readonly Evidence[]>,
): RuleRow[] {
  return [...evidenceByRule.entries()]
    .filter(([rule]) => ruleApplies(profile, rule))
    .map(([rule, evidence]) => {
      const counts = Object.fromEntries(
        VERDICTS.map((v) => [v, evidence.filter((e) => e.verdict === v).length]),
      ) as Record<RuleVerdict, number>;
      const verdict: RuleVerdict =
        counts.fail > 0
          ? 'fail'
          : counts.error > 0
            ? 'error'
            : counts.inconclusive > 0
              ? 'inconclusive'
              : counts.pass > 0
                ? 'pass'
                : 'not applicable';
      const order = (e: Evidence) =>
        ['fail', 'error', 'inconclusive', 'not applicable', 'pass'].indexOf(e.verdict);
      return { rule, verdict, counts, evidence: [...evidence].sort((a, b) => order(a) - order(b)) };
    })
    .sort((a, b) => compareRuleIds(a.rule, b.rule));
}

/** `CID-2` before `CID-10`, harness rules before `MQTT-…` statements (the registry's order). */
export { compareRuleIds };

/**
 * The report's verdict: an error when the run is not complete (a problem, a rule the harness could not
 * judge for an infrastructure reason); else fail when a rule failed; else an error when nothing passed
 * (nothing was judged); else inconclusive when a rule's precondition was not met; else pass.
 */
export function overall(
  rows: readonly RuleRow[],
  problems: readonly string[],
): { verdict: OverallVerdict; exitCode: ExitCode } {
  const verdict: OverallVerdict =
    problems.length > 0 || rows.some((row) => row.verdict === 'error')
      ? 'error'
      : rows.some((row) => row.verdict === 'fail')
        ? 'fail'
        : !rows.some((row) => row.verdict === 'pass')
          ? 'error'
          : rows.some((row) => row.verdict === 'inconclusive')
            ? 'inconclusive'
            : 'pass';
  return { verdict, exitCode: EXIT_CODES[verdict] };
}

export function countVerdicts(rows: readonly RuleRow[]): Record<RuleVerdict, number> {
  return Object.fromEntries(
    VERDICTS.map((v) => [v, rows.filter((row) => row.verdict === v).length]),
  ) as Record<RuleVerdict, number>;
}

/** `process:mosquitto` → `process-mosquitto`, `mqtt://host:1883` → `mqtt-host-1883`: a file name. */
export function targetSlug(spec: string): string {
  return spec
    .replace(/^[a-z]+:\/\/[^@/]*@/, '')
    .replace(/[^A-Za-z0-9.]+/g, '-')
    .replace(/^-|-$/g, '');
}
