import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InfrastructureError, UsageError } from '../../harness/errors.ts';
import { PROFILES } from '../../harness/profiles/load-profile.ts';
import { checkTagExpression } from '../../harness/report/tag-expression.ts';
import { certificationMarkdown } from '../../harness/report/certification-markdown.ts';
import { certificationHtml } from '../../harness/report/html-certificate.ts';
import { targetSlug, type CertificationReport } from '../../harness/report/certification.ts';
import { buildCertification, type CertificationInput } from '../../harness/report/certification-builder.ts';
import { DEFAULT_TARGET, targetForms } from '../../harness/targets/parse-target.ts';
import { certificationJUnit } from '../../harness/report/junit-cases.ts';
import { FeatureRunner } from '../cucumber-runner.ts';
import { ownPath } from '../package-root.ts';
import { writeJUnit } from '../run-reports.ts';
import { runCertifyChecks } from './certify-checks.ts';
import { parseOptions } from '../options.ts';
import { repeatCertification } from '../certify-repeat.ts';
import { certifySeed } from '../certify-seed.ts';
import { resolveRunOptions, RUN_MODE_HELP, RUN_OPTIONS, runContextFor } from '../run-options.ts';

export const CERTIFICATION_DIR = 'reports/certification';
/** Property runs per property: deep here, a handful in `npm test`. */
const DEEP_RUNS = 100;
/**
 * Scenarios at a time: each spends most of its time waiting on the broker (round trips, quiet windows),
 * so a few side by side in this process cut the run's time on a 2-core machine (cli/scenario-shards.ts).
 */
const SCENARIO_SHARDS = 4;
/** The session model's short command sequences, all of them up to this length (harness/properties/session-sequences.ts). */
const SEQUENCE_LENGTH = 2;

const HELP = `usage: mqtt-harness certify [--broker TARGET] --profile ${Object.keys(PROFILES).join('|')} [--profile-config FILE]
                             [--tags EXPRESSION] [--seed N|random] [--path P] [--runs N]
                             [--sequences K] [--repeat N] [--no-limits] [--junit FILE] [--mq MQ] [--p2p MODE]
       mqtt-harness certify --broker A --broker B … | --brokers FILE  [the options above but --repeat]

Certifies a broker against a profile: runs the profile's conformance scenarios, the property tests
(fast-check, --runs cases each) and the limit detection, and writes one row per rule — pass, fail,
inconclusive, not applicable or error, with the evidence — to ${CERTIFICATION_DIR}/<target>-<profile>.{json,md}.

options:
  --broker TARGET        the broker (default: $BROKER or "${DEFAULT_TARGET}"); one of
                           ${targetForms().join('\n                           ')}
  --profile NAME         ${Object.keys(PROFILES).join(' or ')} (default: aliyun)
  --profile-config FILE  a vendor's provisioning, limits and auth references (harness/profiles/README.md)
  --tags EXPRESSION      only these scenarios (a cucumber tag expression, e.g. @CID-2)
  --seed N|random        the property tests' seed (default: a fixed one, so a broker gets the same
                           verdicts every run; "random" draws one and reports it)
  --path P               with --seed, replay one failure from a report (sequence:K:N replays a
                           systematic session-model case)
  --runs N               random cases per property, on top of the systematic ones (default ${DEEP_RUNS})
  --sequences K          the session model first runs every command sequence up to length K
                           (default ${SEQUENCE_LENGTH}; 0: none)
  --repeat N             certify N times with one seed and report every rule whose verdict changed
                           (a flakiness check; also written to <report>-repeat.{json,md})
  --no-limits            skip the limit detection
  --junit FILE           also write JUnit XML: a testcase per scenario, property and probe, classname =
                           the rule area, a failed rule a <failure>, an error (broker gone) an <error>,
                           an inconclusive check skipped with its reason
  several --broker, or --brokers FILE (one target per line, # comments): certify each in turn (each
                           started, judged, stopped), then write the matrix rule × broker beside their
                           reports: ${CERTIFICATION_DIR}/matrix-<profile>.{json,md,html}; exit code the worst
${RUN_MODE_HELP}

exit codes: 0 every rule passed, 1 a rule failed, 2 usage or infrastructure error, 3 no rule failed
  but some were inconclusive (a precondition the broker did not meet);
  with --repeat: 0 every rule had the same verdict in every run, 1 a verdict changed, 2 a run could not certify`;

export async function certifyCommand(argv: string[]): Promise<number> {
  const { values } = parseOptions('certify', argv, {
    ...RUN_OPTIONS,
    tags: { type: 'string' },
    seed: { type: 'string' },
    path: { type: 'string' },
    runs: { type: 'string' },
    sequences: { type: 'string' },
    repeat: { type: 'string' },
    'no-limits': { type: 'boolean' },
    junit: { type: 'string' },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (values.tags) checkTagExpression(values.tags);
  // The same meaning as in `run` and `mutants`; a certification always names its profile (default aliyun).
  const resolved = resolveRunOptions(values, 'aliyun');
  const { target, config } = resolved;
  if (!resolved.profile) throw new Error('certify: resolveRunOptions returned no profile');
  const { profile } = resolved.profile;
  const { seed, how: seedHow } = certifySeed(values.seed);
  const runs = integerOption('runs', values.runs) ?? DEEP_RUNS;
  const sequences = integerOption('sequences', values.sequences) ?? SEQUENCE_LENGTH;
  const repeat = integerOption('repeat', values.repeat);
  if (repeat !== undefined) {
    if (repeat < 1) throw new UsageError('certify: --repeat takes a positive integer');
    const stem = path.join(CERTIFICATION_DIR, `${targetSlug(target.spec)}-${profile.name}`);
    return repeatCertification(argv, repeat, seed, stem);
  }

  const startedAt = new Date();
  const problems: string[] = [];
  let report: CertificationReport;
  console.log(`mqtt-harness: certifying ${target.spec} against the ${profile.name} profile …`);
  try {
    const bare = await target.start();
    let input: CertificationInput;
    try {
      const { context, mqLine: mq } = runContextFor(bare, resolved);
      const { target: started, mq: mqChoice } = context;
      console.log(`mqtt-harness: P2P mode ${started.capabilities.p2p}; MQ side ${mq}`);
      const tags = `(${profile.featureTags})${values.tags ? ` and (${values.tags})` : ''}`;
      // The scenarios, in shards side by side, and beside them the properties; then the limit detection.
      const scenarioRun = new FeatureRunner().run(context, {
        paths: [ownPath('features/conformance/**/*.feature')],
        tags,
        quiet: true,
        concurrency: SCENARIO_SHARDS,
      });
      const propertyOptions = { numRuns: runs, seed, ...(values.path ? { path: values.path } : {}) };
      console.log(`mqtt-harness: property seed ${seed} (${seedHow})`);
      // A broker gone mid-run keeps what was gathered (certify-checks.ts).
      const checkRun = runCertifyChecks({
        url: started.url,
        profile,
        mq: mqChoice,
        p2p: started.capabilities.p2p,
        options: propertyOptions,
        sequences,
        limits: !values['no-limits'],
        alongside: scenarioRun,
      });
      checkRun.catch(() => undefined); // awaited below; meanwhile a usage error must not go unhandled
      const run = await scenarioRun;
      problems.push(...run.summary.problems);
      console.log(
        `mqtt-harness: ${run.summary.outcomes.length} scenarios run (${run.summary.count('failed')} failed, ` +
          `${run.summary.count('inconclusive')} inconclusive, ${run.summary.count('error')} errors)`,
      );
      const checks = await checkRun;
      problems.push(...checks.problems);
      const { properties, limits } = checks;
      const scenarios = run.summary.outcomes.map((outcome) => ({
        outcome,
        tags: run.tags.get(scenarioKey(outcome)) ?? [],
      }));
      input = {
        profile,
        target: started,
        startedAt,
        scenarios,
        properties,
        ...(limits ? { limits } : {}),
        ...(checks.wentAway ? { wentAway: checks.wentAway } : {}),
        notRun: checks.notRun,
        problems,
        mq,
        ...(config?.auth ? { clientAuth: config.auth.mode } : {}),
      };
    } finally {
      // A broker that died may not stop cleanly: that must not cost the report its verdicts.
      await bare.stop().catch((error: unknown) => {
        if (!(error instanceof InfrastructureError)) throw error;
        problems.push(`stopping ${target.spec}: ${error.reason}`);
      });
    }
    report = buildCertification(input);
  } catch (error) {
    if (!(error instanceof InfrastructureError)) throw error;
    // The broker was not there: an *error* verdict with the reason, never a pass or a fail.
    report = buildCertification({
      profile,
      target: { spec: target.spec, capabilities: { software: 'unknown', p2p: 'none' } },
      startedAt,
      problems: [error.reason],
    });
  }
  const file = path.join(CERTIFICATION_DIR, `${targetSlug(report.target.spec)}-${profile.name}`);
  await mkdir(CERTIFICATION_DIR, { recursive: true });
  await writeFile(`${file}.json`, `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(`${file}.md`, certificationMarkdown(report));
  if (values.junit) await writeJUnit(values.junit, certificationJUnit(report, 'certify'));
  await writeFile(`${file}.html`, certificationHtml(report));
  printCertification(report, file);
  return report.exitCode;
}

/** `features/x.feature:12` + name → the key FeatureRunner files tags under. */
function scenarioKey(outcome: { location: string; name: string }): string {
  return `${outcome.location.replace(/:\d+$/, '')}|${outcome.name}`;
}

function integerOption(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^-?\d+$/.test(text)) throw new UsageError(`certify: --${name} takes an integer, not "${text}"`);
  return Number(text);
}

function printCertification(report: CertificationReport, file: string) {
  console.log('');
  for (const problem of report.problems) console.log(`ERROR  ${problem}`);
  for (const row of report.rules) {
    const first = row.evidence.find((e) => e.verdict === row.verdict);
    const why =
      row.verdict === 'pass'
        ? ''
        : `  ${first?.counterexample ? `counter-example ${first.counterexample}: ` : ''}${first?.detail ?? ''}`;
    console.log(`${row.verdict.toUpperCase().padEnd(14)} ${row.rule.padEnd(14)}${why.slice(0, 300)}`);
  }
  for (const limit of report.limits)
    console.log(
      `LIMIT          ${limit.limit}: declared ${limit.declared ?? '—'}, measured ${limit.measured ?? '—'}`,
    );
  console.log('');
  console.log(
    `mqtt-harness: ${report.target.spec} × ${report.profile.name}: ${report.verdict.toUpperCase()} — ${report.counts.pass} pass, ` +
      `${report.counts.fail} fail, ${report.counts.inconclusive} inconclusive, ${report.counts['not applicable']} not applicable, ` +
      `${report.counts.error} error; report in ${file}.{json,md}`,
  );
}
