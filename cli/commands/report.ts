import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { UsageError } from '../../harness/errors.ts';
import { ALLURE_RESULTS_DIR } from '../../harness/report/allure-formatter.ts';
import { ALLURE_HISTORY_FILE, historyForReport, runAllure } from '../../harness/report/allure-history.ts';
import { ALLURE_CATEGORIES } from '../../harness/report/allure-metadata.ts';
import { parseOptions } from '../options.ts';
import { reportMergeCommand } from './report-merge.ts';

export const ALLURE_REPORT_DIR = 'reports/allure-report';

const HELP = `usage: mqtt-harness report [--results DIR] [--output DIR]
       mqtt-harness report --merge reports/fleet/<run>/shard-*.json   (fleet shards: see report --merge --help)

Renders the Allure HTML report with Allure 3 (the "allure" npm package; no Java needed): results grouped
by rule area → rule → scenario, categories (rule failures, inconclusive, infrastructure errors, not
applicable), the run's environment, and trends over the runs in ${ALLURE_HISTORY_FILE} (every run adds itself).
  --results DIR   Allure results (default: ${ALLURE_RESULTS_DIR})
  --output DIR    where the HTML goes (default: ${ALLURE_REPORT_DIR})
Allure 2's allure-commandline (Java) reads the same results: allure generate ${ALLURE_RESULTS_DIR}`;

export async function reportCommand(argv: string[]): Promise<number> {
  // Fleet shard results (mqtt-harness simulate --shard) are merged by their own module.
  if (argv.includes('--merge')) return reportMergeCommand(argv);
  const { values } = parseOptions('report', argv, {
    results: { type: 'string' },
    output: { type: 'string' },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const results = values.results ?? ALLURE_RESULTS_DIR;
  const output = values.output ?? ALLURE_REPORT_DIR;
  if (!existsSync(results) || !readdirSync(results).some((file) => file.endsWith('-result.json'))) {
    throw new UsageError(`no Allure results in ${results}: run "npm start" (or mqtt-harness run) first`);
  }
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'mqtt-harness-report-'));
  try {
    const history = await historyForReport(results, scratch);
    const config = path.join(scratch, 'allurerc.json');
    await writeFile(config, JSON.stringify(allureConfig(history)));
    const code = await runAllure([
      'generate',
      path.resolve(results),
      '--config',
      config,
      '--output',
      path.resolve(output),
    ]);
    if (code !== 0) return 2;
    await withoutAnalytics(path.join(output, 'index.html'));
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  console.log(`mqtt-harness: Allure report written to ${path.join(output, 'index.html')}`);
  return 0;
}

/**
 * Allure 3's configuration. The history is read, never appended here: each run added itself as it
 * ended (harness/report/allure-history.ts), so reporting twice does not count a run twice.
 */
function allureConfig(history: string | undefined) {
  return {
    name: 'mqtt-harness',
    ...(history ? { historyPath: history, appendHistory: false } : {}),
    categories: ALLURE_CATEGORIES,
    plugins: { awesome: { options: { groupBy: ['epic', 'story'], singleFile: true } } },
  };
}

/**
 * Allure 3's page loads Google Analytics (the awesome plugin has no switch for it): a test report
 * must not call out to a third party when someone opens it, and on a machine without internet the
 * request only hangs. The tag and its inline set-up are removed.
 */
async function withoutAnalytics(index: string): Promise<void> {
  const html = await readFile(index, 'utf8');
  const stripped = html.replace(
    /<script async src="https:\/\/www\.googletagmanager\.com\/[^"]*"><\/script>\s*<script>[^<]*gtag\([^<]*<\/script>/,
    '',
  );
  if (stripped !== html) await writeFile(index, stripped);
}
