import type { RunSummary } from '../harness/report/run-summary.ts';
import { ALLURE_RESULTS_DIR } from '../harness/report/allure-formatter.ts';

/** Names each failed or errored scenario with its rule IDs, then one summary line. */
export function printSummary(summary: RunSummary, targetSpec: string): void {
  for (const problem of summary.problems) console.error(`mqtt-harness: error: ${problem}`);
  const notPassed = summary.outcomes.filter((outcome) => outcome.verdict === 'failed' || outcome.verdict === 'error');
  if (notPassed.length > 0) console.log('');
  for (const outcome of notPassed) {
    const rules = outcome.rules.length > 0 ? ` [${outcome.rules.join(' ')}]` : '';
    console.log(`${outcome.verdict.toUpperCase().padEnd(6)} ${outcome.location}  ${outcome.name}${rules}`);
    if (outcome.reason) console.log(`       ${outcome.reason}`);
  }
  console.log('');
  console.log(`scenarios: ${summary.count('passed')} passed, ${summary.count('failed')} failed`);
  console.log(
    `mqtt-harness: ${targetSpec}: ${summary.count('passed')} passed, ${summary.count('failed')} failed, ` +
      `${summary.count('error') + summary.problems.length} errors; Allure results in ${ALLURE_RESULTS_DIR}/ ` +
      `(npm run report for HTML)`,
  );
}
