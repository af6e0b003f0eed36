import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateAuthConfig, type GeneratedAuth } from '../../harness/auth/generated-auth.ts';
import { UsageError } from '../../harness/errors.ts';
import {
  FAULTS,
  faultIsLawful,
  faultNeedsAuth,
  faultProfiles,
  faultShownByLimits,
  isFault,
  type Fault,
} from '../../harness/reference/faults.ts';
import { detectLimits } from '../../harness/limits/limit-detection.ts';
import type { Profile } from '../../harness/profiles/profile.ts';
import { compareRuleIds } from '../../harness/report/certification.ts';
import { FAULT_SPEC_PREFIX } from '../../harness/targets/reference-target.ts';
import type { RunSummary, ScenarioOutcome } from '../../harness/report/run-summary.ts';
import { FeatureRunner } from '../cucumber-runner.ts';
import {
  MUTANT_JOBS,
  runMutantUnits,
  serveMutantUnits,
  type MutantRow,
  type MutantUnit,
  type UnitResult,
} from '../mutant-jobs.ts';
import { parseOptions } from '../options.ts';
import { resolveRunOptions, runContextFor } from '../run-options.ts';
import { CERTIFICATION_DIR } from './certify.ts';

const CONFORMANCE = ['features/conformance/**/*.feature'];
/** Scenarios side by side within one broker's run (cli/scenario-shards.ts), as certify runs them. */
const SCENARIO_SHARDS = 4;
/** The client ID and topic suite, run whole against every CID/TOP/PUB fault to name collateral failures. */
const FEATURES = ['features/conformance/client-id.feature', 'features/conformance/topics.feature'];
const SUITE_AREAS = ['CID', 'TOP', 'PUB'];
/** Run with a generated login for the faults that show only with authentication on (PUB-4). */
const AUTHENTICATION = ['features/conformance/authentication.feature'];

/**
 * What runs against one broker: for the correct broker, everything its profile checks (it runs under
 * aliyun and under mqtt-3.1.1, see CORRECT_BROKER_PROFILES); the
 * CID/TOP suite for a fault of those areas; for any other fault (QoS, P2P, MQ mapping faults added by
 * later issues) the scenarios tagged with its rule, which keeps \`npm test\` fast.
 */
function selection(fault: Fault | undefined, profile: string): { paths: string[]; tags?: string } {
  if (!fault)
    return { paths: CONFORMANCE, tags: profile === 'aliyun' ? '@MQTT-3.1.1 or @aliyun' : '@MQTT-3.1.1' };
  const rule = FAULTS[fault].rule;
  const lawful = faultIsLawful(fault);
  if (lawful) return { paths: CONFORMANCE, tags: lawful };
  if (faultNeedsAuth(fault)) return { paths: AUTHENTICATION, tags: `@${rule}` };
  return SUITE_AREAS.includes(rule.split('-')[0] ?? '')
    ? { paths: FEATURES }
    : { paths: CONFORMANCE, tags: `@${rule}` };
}

/**
 * A fault the scenarios cannot show (ROB-1: the broker harmed by a probe) is run through the limit detection
 * instead, as `certify` runs it; its finding is the one "scenario" of the row, failed under ROB-1.
 */
async function probeLimits(
  url: string,
  profile: Profile,
): Promise<{ summary: Pick<RunSummary, 'outcomes' | 'problems'> }> {
  const problems: string[] = [];
  const limits = await detectLimits(url, profile).catch((error: unknown) => {
    problems.push(`limit detection: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  });
  const finding = limits?.robustness.finding;
  const outcome: ScenarioOutcome = {
    name: 'limit detection: the broker still serves a fresh client after each probe',
    location: 'harness/limits/limit-detection.ts',
    rules: ['ROB-1'],
    verdict: finding ? 'failed' : 'passed',
    ...(finding ? { reason: `after ${finding.probe}, ${finding.how}` } : {}),
  };
  return { summary: { outcomes: limits ? [outcome] : [], problems } };
}

const HELP = `usage: mqtt-harness mutants [--faults F,F…] [--jobs N]

Runs the conformance scenarios against the reference broker, then against each of its faults
(mutants), one fresh broker each (--jobs at a time): the client ID and topic suite
(${FEATURES.join(', ')}) for CID/TOP/PUB faults, the scenarios tagged with the fault's rule for the
others; a fault that shows only with authentication on (accept-any-signature) runs the authentication
feature with a generated login; a fault the scenarios cannot show (wedge-after-long-topic, ROB-1) is
probed with the limit detection, as certify runs it. The correct broker must pass everything; each fault must make its own rule fail. Prints the mutation table (fault → rules that
failed) and writes it to ${CERTIFICATION_DIR}/mutants.{json,md}.

options:
  --faults F,F…  only these faults (the correct broker always runs too)
  --jobs N       brokers at a time (default ${MUTANT_JOBS}): the others in child processes; each broker's
                 scenarios also run a few side by side

faults: ${Object.keys(FAULTS).join(', ')}

exit codes: 0 every fault caught and the correct broker clean, 1 a fault escaped or the correct broker failed, 2 error`;

export async function mutantsCommand(argv: string[]): Promise<number> {
  const { values } = parseOptions('mutants', argv, {
    faults: { type: 'string' },
    jobs: { type: 'string' },
    worker: { type: 'boolean' },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const requested = values.faults?.split(',').filter(Boolean) ?? Object.keys(FAULTS);
  const unknown = requested.filter((name) => !isFault(name));
  if (unknown.length > 0)
    throw new UsageError(
      `mutants: unknown fault(s) ${unknown.join(', ')}; faults: ${Object.keys(FAULTS).join(', ')}`,
    );

  const faults = requested as Fault[];
  const jobs = values.jobs === undefined ? MUTANT_JOBS : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1)
    throw new UsageError(`mutants: --jobs takes a positive integer, not "${values.jobs ?? ''}"`);
  const runner = new FeatureRunner();
  const runUnit = async (unit: MutantUnit): Promise<UnitResult> => {
    const began = Date.now();
    // A broker that does not start is an ERROR row of its own, not the end of the whole run.
    const result = await runOnBroker(runner, unit.fault, unit.profile).catch((error: unknown) => ({
      outcomes: [],
      problems: [`${error instanceof Error ? error.message : String(error)}`],
    }));
    return { ...result, ms: Date.now() - began };
  };
  // A stream of another mutants run (mutant-jobs.ts): runs the units it is sent, prints nothing.
  if (values.worker) {
    if (!process.send)
      throw new UsageError('mutants: --worker is a stream of another mutants run (it needs its IPC channel)');
    await serveMutantUnits(runUnit);
    return 0;
  }
  const brokers = [undefined, ...faults];
  // Longest first; the sort is stable, so equal estimates keep the faults' order.
  const units = brokers
    .flatMap((fault) => unitsOf(fault))
    .sort((a, b) => estimatedCost(b) - estimatedCost(a));
  const rowOf = new Map<Fault | undefined, MutantRow>();
  const results: (UnitResult | undefined)[] = [];
  await runMutantUnits(units, jobs, runUnit, (index, result) => {
    results[index] = result;
    const { fault } = units[index] as MutantUnit;
    const own = units.flatMap((unit, at) => (unit.fault === fault ? [{ unit, result: results[at] }] : []));
    // A broker's row once all its units are in (the correct broker runs under two profiles), merged in
    // the units' order, whichever ended first.
    if (own.every((one) => one.result))
      rowOf.set(fault, judgeMutant(fault, own as { unit: MutantUnit; result: UnitResult }[]));
  });
  const rows = brokers.map((fault) => rowOf.get(fault) as MutantRow);
  const table = mutationTable(rows);
  console.log(`\n${table}`);
  await mkdir(CERTIFICATION_DIR, { recursive: true });
  await writeFile(
    path.join(CERTIFICATION_DIR, 'mutants.json'),
    `${JSON.stringify({ schema: 'mqtt-harness/mutants/v1', rows }, null, 2)}\n`,
  );
  await writeFile(
    path.join(CERTIFICATION_DIR, 'mutants.md'),
    `# Mutation table: reference broker faults → rules that failed\n\n${table}\n`,
  );
  if (rows.some((row) => row.status === 'ERROR')) return 2;
  const bad = rows.filter((row) => row.status === 'ESCAPED' || row.status === 'BROKEN');
  for (const row of bad) {
    console.error(
      row.status === 'BROKEN'
        ? 'mqtt-harness: the correct reference broker failed scenarios: fix the broker or the scenarios first'
        : `mqtt-harness: fault "${row.fault}" escaped: no ${row.expectedRule} scenario failed${row.escapedUnder ? ` under ${row.escapedUnder.join(', ')}` : ''} — a hole in the harness; add a scenario that catches it`,
    );
  }
  return bad.length > 0 ? 1 : 0;
}

/**
 * The profiles the correct broker is run under: aliyun mode, and standard mode, where the faults that name
 * `mqtt-3.1.1` or `both` (faultProfiles) run their scenarios, so those must pass on the correct broker too.
 */
const CORRECT_BROKER_PROFILES = ['aliyun', 'mqtt-3.1.1'] as const;

/** What runs for one broker: the correct one under each of its profiles, a fault under each of its own. */
function unitsOf(fault: Fault | undefined): MutantUnit[] {
  return fault
    ? faultProfiles(fault).map((profile) => ({ fault, profile }))
    : CORRECT_BROKER_PROFILES.map((profile) => ({ profile }));
}

/**
 * A unit's rough length, to start the long ones first (mutant-jobs.ts): the whole conformance suite (the
 * correct broker, a lawful mutant's tag expression) before the client ID and topic suite, before a
 * limit probe, before the scenarios of one rule. Only the order depends on it, never a verdict.
 */
function estimatedCost({ fault, profile }: MutantUnit): number {
  if (!fault) return profile === 'aliyun' ? 5 : 4;
  if (faultIsLawful(fault)) return 3;
  const { paths } = selection(fault, profile);
  if (paths === FEATURES) return 2;
  return faultShownByLimits(fault) ? 1 : 0;
}

/** The scenarios (or the limit probe) of one fault under one profile, on a reference broker of its own. */
async function runOnBroker(
  runner: FeatureRunner,
  fault: Fault | undefined,
  profile: string,
): Promise<UnitResult> {
  // A fault that shows only with auth on runs as a vendor's instance with a generated login.
  const needsAuth = fault && faultNeedsAuth(fault);
  const auth: GeneratedAuth | undefined = needsAuth ? generateAuthConfig(needsAuth) : undefined;
  // The options as `run --broker embedded:fault:F --profile P [--profile-config GENERATED]` would give them.
  const resolved = resolveRunOptions({
    broker: fault ? `${FAULT_SPEC_PREFIX}${fault}` : 'embedded',
    profile,
    ...(auth ? { 'profile-config': auth.file } : {}),
  });
  const started = await resolved.target.start().catch((error: unknown) => {
    auth?.remove();
    throw error;
  });
  try {
    const { context } = runContextFor(started, resolved);
    const { summary } =
      fault && faultShownByLimits(fault) && resolved.profile
        ? await probeLimits(started.url, resolved.profile.profile)
        : await runner.run(context, {
            ...selection(fault, profile),
            quiet: true,
            noFiles: true,
            concurrency: SCENARIO_SHARDS,
          });
    return summary;
  } finally {
    await started.stop();
    auth?.remove();
  }
}

/** The row of one fault (or of the correct broker) from what its runs saw. */
function judgeMutant(
  fault: Fault | undefined,
  units: readonly { unit: MutantUnit; result: UnitResult }[],
): MutantRow {
  const runs = units.map((one) => one.result);
  const summary = {
    outcomes: runs.flatMap((one) => one.outcomes),
    problems: runs.flatMap((one) => one.problems),
  };
  const expectedRule = fault && !faultIsLawful(fault) ? FAULTS[fault].rule : undefined;
  // A fault run under several profiles must be caught under each, not just under one of them.
  const escapedUnder =
    expectedRule && units.length > 1
      ? units
          .filter((one) => !failedRulesOf(one.result.outcomes).includes(expectedRule))
          .map((one) => one.unit.profile)
      : [];
  const seconds = runs.reduce((sum, one) => sum + (one.ms ?? 0), 0) / 1000;
  const failed = summary.outcomes.filter((o) => o.verdict === 'failed');
  const ran = summary.outcomes.filter((o) => o.verdict !== 'skipped').length;
  // An inconclusive scenario counts as an error here too: the reference broker, faulty or not, meets
  // every precondition of the checks a fault is run with.
  const errors = [
    ...summary.problems,
    ...summary.outcomes
      .filter((o) => o.verdict === 'error' || o.verdict === 'inconclusive')
      .map((o) => `${o.location}: ${o.reason ?? 'error'}`),
  ];
  const rulesFailed = failedRulesOf(summary.outcomes);
  const status: MutantRow['status'] =
    errors.length > 0
      ? 'ERROR'
      : !fault || faultIsLawful(fault)
        ? failed.length === 0
          ? 'clean'
          : 'BROKEN'
        : rulesFailed.includes(expectedRule ?? '') && escapedUnder.length === 0
          ? 'caught'
          : 'ESCAPED';
  const row: MutantRow = {
    fault: fault ?? 'none (correct broker)',
    ...(expectedRule ? { expectedRule } : {}),
    rulesFailed,
    scenariosRun: ran,
    scenariosFailed: failed.length,
    errors,
    status,
    ...(escapedUnder.length > 0 ? { escapedUnder } : {}),
  };
  console.log(
    `mqtt-harness: ${(fault ?? 'correct broker').padEnd(28)} ${status.padEnd(8)} rules failed: ${rulesFailed.join(' ') || '—'}` +
      (escapedUnder.length > 0 ? ` (not under ${escapedUnder.join(', ')})` : '') +
      ` (${seconds.toFixed(0)} s)`,
  );
  return row;
}

/** The rules the failed scenarios of a run named (or, failing that, were tagged with). */
function failedRulesOf(outcomes: RunSummary['outcomes']): string[] {
  const failed = outcomes.filter((o) => o.verdict === 'failed');
  return [...new Set(failed.flatMap((o) => o.rulesNamed ?? o.rules))].sort(compareRuleIds);
}

function mutationTable(rows: readonly MutantRow[]): string {
  const lines = [
    '| fault | what it breaks | expected rule | rules failed | scenarios failed | verdict |',
    '|---|---|---|---|---|---|',
  ];
  for (const row of rows) {
    const does = row.fault in FAULTS ? FAULTS[row.fault as Fault].does : 'nothing';
    const others = row.rulesFailed.filter((rule) => rule !== row.expectedRule);
    const failed =
      row.rulesFailed.length === 0
        ? '—'
        : `${row.rulesFailed.join(' ')}${row.expectedRule && others.length > 0 ? ` (also: ${others.join(' ')})` : ''}`;
    lines.push(
      `| ${row.fault} | ${does} | ${row.expectedRule ?? '—'} | ${failed} | ${row.scenariosFailed} | ${row.status}${row.escapedUnder ? ` (not under ${row.escapedUnder.join(', ')})` : ''} |`,
    );
  }
  return lines.join('\n');
}
