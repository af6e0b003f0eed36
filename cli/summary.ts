import type { RunSummary } from '../harness/report/run-summary.ts';
import { ALLURE_RESULTS_DIR } from '../harness/report/allure-formatter.ts';

/** Names each failed or errored scenario with its rule IDs, then one summary line. */
export function printSummary(summary: RunSummary, targetSpec: string): void {
  for (const problem of summary.problems) console.error(`mqtt-harness: error: ${problem}`);
  if (summary.outcomes.length === 0 && summary.problems.length === 0) {
    console.error('mqtt-harness: error: no scenario ran: check --tags and the feature paths');
  } else if (summary.count('passed') === 0 && summary.outcomes.every((o) => o.verdict === 'skipped')) {
    // Nothing was verified, so the run cannot pass (exit 2); the N/A lines below say why.
    console.error(
      'mqtt-harness: error: every scenario was not applicable to this run, so nothing was verified',
    );
  }
  const notPassed = summary.outcomes.filter(
    (outcome) =>
      outcome.verdict === 'failed' || outcome.verdict === 'error' || outcome.verdict === 'inconclusive',
  );
  if (notPassed.length > 0) console.log('');
  for (const outcome of notPassed) {
    const rules = outcome.rules.length > 0 ? ` [${outcome.rules.join(' ')}]` : '';
    console.log(`${outcome.verdict.toUpperCase().padEnd(6)} ${outcome.location}  ${outcome.name}${rules}`);
    if (outcome.reason) console.log(`       ${outcome.reason}`);
  }
  for (const outcome of summary.outcomes.filter((o) => o.verdict === 'known-deviation')) {
    console.log(
      `KNOWN  ${outcome.location}  ${outcome.name} [${outcome.rules.join(' ')}] (a documented deviation of this broker)`,
    );
  }
  for (const outcome of summary.outcomes.filter((o) => o.verdict === 'skipped')) {
    const why = outcome.notApplicable ?? 'skipped';
    console.log(`N/A    ${outcome.location}  ${outcome.name}: ${why}`);
  }
  for (const stale of summary.staleDeviations) {
    console.log(
      `STALE  "${stale.scenario}" [${stale.rule}] is listed as a known deviation but passed: update the list`,
    );
  }
  console.log('');
  console.log(`scenarios: ${summary.count('passed')} passed, ${summary.count('failed')} failed`);
  console.log(
    `mqtt-harness: ${targetSpec}: ${summary.count('passed')} passed, ${summary.count('failed')} failed, ` +
      `${summary.count('inconclusive')} inconclusive, ${summary.count('error') + summary.problems.length} errors, ` +
      `${summary.count('skipped')} not applicable, ` +
      `${summary.count('known-deviation')} known deviations; Allure results in ${ALLURE_RESULTS_DIR}/ ` +
      `(npm run report for HTML)`,
  );
}
