import { existsSync, statSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { InfrastructureError, UsageError } from '../../harness/errors.ts';
import { brokerGone, wentAwayLine } from '../../harness/limits/broker-health.ts';
import { redactUrl } from '../../harness/net/redact-url.ts';
import { PROFILES } from '../../harness/profiles/load-profile.ts';
import { deviationsFor, loadKnownDeviations } from '../../harness/report/known-deviations.ts';
import type { RunSummary } from '../../harness/report/run-summary.ts';
import { checkTagExpression } from '../../harness/report/tag-expression.ts';
import { ALLURE_RESULTS_DIR } from '../../harness/report/allure-formatter.ts';
import { DEFAULT_TARGET, targetForms } from '../../harness/targets/parse-target.ts';
import { FeatureRunner } from '../cucumber-runner.ts';
import { parseOptions } from '../options.ts';
import type { CertificationReport } from '../../harness/report/certification.ts';
import { scenarioCases } from '../../harness/report/junit-cases.ts';
import type { JUnitRun } from '../../harness/report/junit.ts';
import {
  resolveRunOptions,
  RUN_MODE_HELP,
  RUN_OPTIONS,
  runContextFor,
  type StartedRun,
} from '../run-options.ts';
import { RUN_RULES_DIR, writeJUnit, writeRunRules } from '../run-reports.ts';
import { printSummary } from '../summary.ts';

/**
 * Scenarios side by side by default, as certify and mutants run them (cli/scenario-shards.ts): a run waits
 * on the broker far more than on the CPU, so four shards take the features' wall time down by about
 * half on a 2-core machine (README, Speed) with the same verdicts and report order.
 */
const RUN_SHARDS = 4;

const HELP = `usage: mqtt-harness run [--broker TARGET] [--tags EXPRESSION] [--profile aliyun|mqtt-3.1.1] [--profile-config FILE]
                        [--cucumber-profile ci] [--known-deviations FILE] [--junit FILE]
                        [--features DIR] [--shards N] [--mq MQ] [--p2p MODE] [FEATURE_PATH...]

Runs the Gherkin scenarios (default: every feature under features/) against one broker, writes Allure
results to ${ALLURE_RESULTS_DIR}/, the verdict of every rule the scenarios checked to
${RUN_RULES_DIR}/<target>-<profile>.{json,md} (the certification schema, without properties and limits)
and prints a summary.

options:
  --broker TARGET     the broker to test (default: $BROKER or "${DEFAULT_TARGET}"); one of
                        ${targetForms().join('\n                        ')}
  --tags EXPRESSION   a cucumber tag expression, e.g. "@MQTT-3.1.1 and not @broker-wide"
  --profile NAME      the rules to judge by: ${Object.keys(PROFILES).join(' or ')} (default: the broker's own —
                      aliyun for embedded — else mqtt-3.1.1); scenarios outside it are "not applicable"
  --profile-config FILE
                      a vendor's provisioning, limits and auth references (harness/profiles/README.md);
                      every client then logs in with its auth, and embedded is set up to match
  --cucumber-profile NAME
                      a cucumber profile from cucumber.mjs (e.g. "ci": adds a JUnit file)
  --known-deviations FILE
                      the broker's documented deviations (e.g. harness/brokers/mosquitto/known-deviations.json):
                      those scenarios still fail and are listed, but do not fail the run; one that
                      passes fails the run until the file is updated
  --junit FILE        also write JUnit XML: one testcase per scenario, classname = its rule area, a
                      failed rule a <failure>, an infrastructure error (broker gone) an <error>
  --features DIR      run your own feature files (a directory or a file, repeatable) with the harness's
                      steps, e.g. from a project that installed mqtt-harness
  --shards N          scenarios side by side, each with its own client IDs and topics (default
                      ${RUN_SHARDS}; @serial and @broker-wide ones alone, after them); 1: one at a time,
                      with cucumber's live progress. Each shard's progress is printed when it ends; the
                      summary and reports list the scenarios in the one-at-a-time order either way

${RUN_MODE_HELP}

exit codes: 0 all passed, 1 a rule failed, 2 usage or infrastructure error, 3 nothing failed but a
  scenario was inconclusive (a precondition the broker did not meet)`;

export async function runCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(
    'run',
    argv,
    {
      ...RUN_OPTIONS,
      tags: { type: 'string' },
      'cucumber-profile': { type: 'string' },
      'known-deviations': { type: 'string' },
      junit: { type: 'string' },
      features: { type: 'string', multiple: true },
      shards: { type: 'string' },
    },
    true,
  );
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  // The same meaning as in `certify` and `mutants`; without --profile the World uses the broker's own.
  const resolved = resolveRunOptions(values);
  const { target } = resolved;
  const knownFile = values['known-deviations'];
  const deviations = knownFile
    ? deviationsFor(await loadKnownDeviations(knownFile), knownFile, target.spec)
    : [];
  if (values.tags) checkTagExpression(values.tags);
  const shards = values.shards === undefined ? RUN_SHARDS : Number(values.shards);
  if (!Number.isInteger(shards) || shards < 1)
    throw new UsageError(`run: --shards takes a positive integer, not "${values.shards ?? ''}"`);

  const paths = [...(values.features ?? []), ...positionals].map(featureGlob);
  for (const given of values.features ?? [])
    if (!existsSync(given)) throw new UsageError(`run: --features ${given}: no such file or directory`);

  await rm(ALLURE_RESULTS_DIR, { recursive: true, force: true });
  await mkdir(ALLURE_RESULTS_DIR, { recursive: true });
  console.log(`mqtt-harness: starting ${target.spec} …`);
  const startedAt = new Date();
  const started = await target.start();
  let summary: RunSummary;
  let tags: ReadonlyMap<string, readonly string[]>;
  let run: StartedRun;
  let stopProblem: string | undefined;
  try {
    run = runContextFor(started, resolved);
    const { context, mqLine } = run;
    console.log(`mqtt-harness: P2P mode ${context.target.capabilities.p2p}; MQ side ${mqLine}`);
    console.log(
      `mqtt-harness: ${started.spec} is ready at ${started.spec.startsWith('mqtt') ? started.spec : redactUrl(started.url)}`,
    );
    ({ summary, tags } = await new FeatureRunner().run(context, {
      ...(paths.length > 0 ? { paths } : {}),
      ...(values.tags ? { tags: values.tags } : {}),
      ...(values['cucumber-profile'] ? { cucumberProfile: values['cucumber-profile'] } : {}),
      deviations,
      concurrency: shards,
    }));
    // A broker noticed gone mid-run (steps/support/hooks.ts): the later scenarios are errors; say when and how.
    const gone = brokerGone(context.target.url);
    if (gone) summary.problems.push(wentAwayLine(gone));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new InfrastructureError(
      `the run against ${started.spec} stopped: ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    // A broker that died may not stop cleanly: that must not cost the run its verdicts.
    await started.stop().catch((error: unknown) => {
      if (!(error instanceof InfrastructureError)) throw error;
      stopProblem = `stopping ${started.spec}: ${error.reason}`;
    });
  }
  if (stopProblem) summary.problems.push(stopProblem);
  const rules = await writeRunRules(summary, tags, run.context, run.mqLine, startedAt);
  if (values.junit) await writeJUnit(values.junit, runJUnit(summary, rules.report));
  printSummary(summary, started.spec);
  console.log(
    `mqtt-harness: rules: ${rules.report.counts.pass} pass, ${rules.report.counts.fail} fail, ` +
      `${rules.report.counts.inconclusive} inconclusive, ${rules.report.counts.error} error, ${rules.report.counts['not applicable']} not applicable; in ${rules.file}.{json,md}` +
      (values.junit ? `; JUnit in ${values.junit}` : ''),
  );
  return summary.exitCode;
}

/** One JUnit testcase per scenario, with the run's target and profile as properties. */
function runJUnit(summary: RunSummary, report: CertificationReport): JUnitRun {
  return {
    name: `mqtt-harness run ${report.target.spec} × ${report.profile.name}`,
    startedAt: new Date(report.startedAt),
    properties: {
      target: report.target.spec,
      software: report.target.software,
      profile: report.profile.name,
    },
    cases: scenarioCases(summary.outcomes, summary.problems),
  };
}

/**
 * A directory becomes a glob of its feature files: cucumber decides "file or directory" by the name's
 * extension, so a directory such as `features/conformance/mqtt-3.1.1` would be read as a file (EISDIR).
 */
function featureGlob(featurePath: string): string {
  return existsSync(featurePath) && statSync(featurePath).isDirectory()
    ? `${featurePath.replace(/\/+$/, '')}/**/*.feature`
    : featurePath;
}
