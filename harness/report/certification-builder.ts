import { wentAwayLine, type BrokerGone } from '../limits/broker-health.ts';
import type { MeasuredLimit, MeasuredLimits } from '../limits/limit-detection.ts';
import { notApplicableReason, profileRules, type Profile } from '../profiles/profile.ts';
import type { PropertyResult } from '../properties/property-result.ts';
import type { BrokerCapabilities } from '../targets/broker-target.ts';
import {
  CERTIFICATION_SCHEMA,
  countVerdicts,
  overall,
  ruleRows,
  scenarioEvidence,
  type CertificationReport,
  type Evidence,
  type LimitRow,
} from './certification.ts';
import { namedRules, type ScenarioOutcome } from './run-summary.ts';

export interface CertificationInput {
  readonly profile: Profile;
  readonly target: { readonly spec: string; readonly capabilities: BrokerCapabilities };
  readonly startedAt: Date;
  /** Each scenario's outcome with its tags (for the not-applicable reason). */
  readonly scenarios?: readonly { readonly outcome: ScenarioOutcome; readonly tags: readonly string[] }[];
  readonly properties?: readonly PropertyResult[];
  readonly limits?: MeasuredLimits;
  readonly problems: readonly string[];
  /** The run's MQ side, as describeMqChoice() puts it. */
  readonly mq?: string;
  /** The broker went away mid-run (it stopped serving a fresh client): when and how it was noticed. */
  readonly wentAway?: BrokerGone;
  readonly notRun?: readonly NotRun[];
  /** How the harness's clients logged in (the profile config's auth mode); absent: anonymously. Never a secret. */
  readonly clientAuth?: 'signature' | 'token';
}

/**
 * A check that did not run (the broker was gone) or threw: an error under each rule it would have judged,
 * or inconclusive when what stopped it was a precondition the broker did not meet.
 */
export interface NotRun {
  readonly name: string;
  readonly rules: readonly string[];
  /** "not run: broker went away at …", "could not run: …", "inconclusive: …". */
  readonly why: string;
  readonly inconclusive?: boolean;
}

/** Turns scenario outcomes, property results and measured limits into the certification report. */
export function buildCertification(input: CertificationInput): CertificationReport {
  const { profile } = input;
  const evidence = new Map<string, Evidence[]>();
  const add = (rule: string, item: Evidence) => evidence.set(rule, [...(evidence.get(rule) ?? []), item]);
  for (const { outcome, tags } of input.scenarios ?? []) {
    const item = scenarioEvidence(outcome, notApplicableReason(profile, tags));
    // A failure (or an inconclusive check) that names its rule is about that rule only; the scenario's
    // other rules were not judged by it, so it is no evidence for them (as a property vouches only for
    // the rules it exercised) — neither a pass nor a verdict that would hide a broker's rule failure.
    const named = outcome.rulesNamed;
    for (const rule of outcome.rules) if (!named || named.includes(rule)) add(rule, item);
  }
  for (const property of input.properties ?? []) {
    const item: Evidence = {
      kind: 'property',
      name: property.name,
      verdict: property.verdict,
      runs: property.runs,
      seed: property.seed,
      ...(property.counterexample ? { counterexample: property.counterexample } : {}),
      ...(property.path ? { path: property.path } : {}),
      ...(property.detail ? { detail: property.detail } : {}),
    };
    // A failure belongs to the rule its counter-example breaks; an error to every rule it meant to check;
    // a pass only to the rules its cases actually exercised.
    if (property.verdict === 'fail' && property.rule) add(property.rule, item);
    else if (property.verdict === 'inconclusive')
      // Inconclusive about the rules its unjudged cases would have exercised, or the rule its message
      // names ([QCS-1] …), else every rule it meant to check.
      for (const rule of property.unjudged?.rules ??
        namedRules(property.detail, property.rules) ??
        property.rules)
        add(rule, item);
    else if (property.verdict === 'pass') {
      for (const rule of property.exercised ?? property.rules) add(rule, item);
      // Beside a pass, what the broker left unjudged: its rules are inconclusive, never passed by default.
      if (property.unjudged)
        for (const rule of property.unjudged.rules)
          add(rule, { ...item, verdict: 'inconclusive', detail: property.unjudged.detail });
    } else for (const rule of property.rules) add(rule, item);
  }
  if (input.limits) add('ROB-1', robustnessEvidence(input.limits));
  const problems = [...input.problems];
  if (input.wentAway) problems.push(wentAwayLine(input.wentAway));
  for (const check of input.notRun ?? [])
    for (const rule of check.rules)
      add(rule, {
        kind: 'property',
        name: check.name,
        verdict: check.inconclusive ? 'inconclusive' : 'error',
        detail: check.why,
      });
  const rows = ruleRows(profile, evidence);
  const { verdict, exitCode } = overall(rows, problems);
  const auth =
    profile.auth.length > 1
      ? `${profile.auth.join(' / ')} (clients ${input.clientAuth ? `logged in with ${input.clientAuth} authentication` : 'connected anonymously'})`
      : (profile.auth[0] ?? 'anonymous');
  return {
    schema: CERTIFICATION_SCHEMA,
    target: {
      spec: input.target.spec,
      software: input.target.capabilities.software,
      p2p: input.target.capabilities.p2p,
      ...(input.mq ? { mq: input.mq } : {}),
    },
    profile: {
      name: profile.name,
      title: profile.title,
      limits: profile.limits,
      duplicateId: profile.duplicateId,
      ...(profile.provisioning ? { provisioning: profile.provisioning } : {}),
      auth,
    },
    startedAt: input.startedAt.toISOString(),
    durationMs: Date.now() - input.startedAt.getTime(),
    ...(input.properties?.[0] ? { seed: input.properties[0].seed } : {}),
    verdict,
    exitCode,
    counts: countVerdicts(rows),
    rules: rows,
    limits: input.limits ? limitRows(profile, input.limits) : [],
    notCovered: notCovered(profile, new Set(rows.map((row) => row.rule))),
    problems,
  };
}

/** ROB-1 from the limit detection: a probe after which the broker no longer served a fresh client fails it. */
function robustnessEvidence(limits: MeasuredLimits): Evidence {
  const { probes, finding } = limits.robustness;
  const name = 'the broker still serves a fresh client after each limit probe';
  return finding
    ? {
        kind: 'probes',
        name,
        verdict: 'fail',
        detail: `[ROB-1] after ${finding.probe}, ${finding.how}; the limit searches stopped there (probe ${probes})`,
      }
    : {
        kind: 'probes',
        name,
        verdict: 'pass',
        detail: `${probes} probes, each followed by a CONNECT, SUBSCRIBE and PINGREQ that were answered`,
      };
}

function limitRows(profile: Profile, measured: MeasuredLimits): LimitRow[] {
  const declared = profile.limits;
  const show = (limit: MeasuredLimit, unit: string) => {
    // A search the broker's health cut short (ROB-1) shows only what it saw accepted, never a limit.
    if (limit.stopped)
      return limit.value === undefined
        ? 'unknown (search stopped, ROB-1)'
        : `≥ ${`${limit.value} ${unit}`.trim()} (search stopped, ROB-1)`;
    return limit.value === undefined
      ? 'none accepted'
      : `${limit.capped ? '≥ ' : ''}${limit.value} ${unit}${limit.capped ? ' (search capped)' : ''}`;
  };
  const note = (limit: MeasuredLimit) => (limit.stopped ? `${limit.how}; ${limit.stopped}` : limit.how);
  return [
    {
      limit: 'client ID length (CID-2)',
      ...(declared.clientIdLength
        ? { declared: `${declared.clientIdLength.max} ${declared.clientIdLength.unit}` }
        : {}),
      measured: show(measured.clientIdLength, 'characters'),
      note: note(measured.clientIdLength),
    },
    {
      limit: 'topic length (TOP-3)',
      ...(declared.topicLength
        ? { declared: `${declared.topicLength.max} ${declared.topicLength.unit}` }
        : {}),
      measured: show(measured.topicLength, 'characters'),
      note: note(measured.topicLength),
    },
    {
      limit: 'payload size (PUB-1)',
      ...(declared.payloadBytes ? { declared: `${declared.payloadBytes} bytes` } : {}),
      measured: show(measured.payloadBytes, 'bytes'),
      note: note(measured.payloadBytes),
    },
    {
      limit: 'subscriptions per client (PUB-2)',
      ...(declared.subscriptionsPerClient ? { declared: `${declared.subscriptionsPerClient}` } : {}),
      measured: show(measured.subscriptionsPerClient, ''),
      note: note(measured.subscriptionsPerClient),
    },
    {
      limit: 'duplicate client ID (CID-4)',
      declared: profile.duplicateId === 'record' ? 'not judged (recorded)' : profile.duplicateId,
      measured: measured.duplicateId ?? 'unknown (search stopped, ROB-1)',
      note: 'a second CONNECT with the ID of an online client; is the first connection still up?',
    },
  ];
}

/**
 * The profile's rules that nothing in this run checked, so a vendor sees the gaps: every registered rule of
 * the profile a broker can be judged by — on the wire, or a design rule (CID-6, TOP-4) the solution runs
 * check on their plans. The solutions' own flows (RTC, ESL, CSG) say nothing about a broker, and rules that
 * cannot be observed from outside are never a gap of a run.
 */
function notCovered(profile: Profile, covered: ReadonlySet<string>): string[] {
  return profileRules(profile)
    .filter((rule) => (rule.check === 'wire' || rule.check === 'design') && !covered.has(rule.id))
    .map((rule) => rule.id);
}
