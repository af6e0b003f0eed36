import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { UsageError } from '../../harness/errors.ts';
import { ALLURE_RESULTS_DIR } from '../../harness/report/allure-formatter.ts';
import { parseOptions } from '../options.ts';
import { reportMergeCommand } from './report-merge.ts';

export const ALLURE_REPORT_DIR = 'reports/allure-report';

const HELP = `usage: mqtt-harness report [--results DIR] [--output DIR]
       mqtt-harness report --merge reports/fleet/<run>/shard-*.json   (fleet shards: see report --merge --help)

Renders the Allure HTML report with Allure 3 (the "allure" npm package; no Java needed).
  --results DIR   Allure results (default: ${ALLURE_RESULTS_DIR})
  --output DIR    where the HTML goes (default: ${ALLURE_REPORT_DIR})
Allure 2's allure-commandline reads the same results: allure generate ${ALLURE_RESULTS_DIR}`;

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
  // allure's exports hide package.json; its cli.js sits one level above the resolved dist/index.js.
  const allureCli = path.join(path.dirname(createRequire(import.meta.url).resolve('allure')), '..', 'cli.js');
  const code = await new Promise<number>((resolve) => {
    const child = spawn(
      process.execPath,
      [allureCli, 'generate', results, '--output', output, '--report-name', 'mqtt-harness'],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    child.once('exit', (exitCode) => resolve(exitCode ?? 2));
  });
  if (code !== 0) return 2;
  console.log(`mqtt-harness: Allure report written to ${path.join(output, 'index.html')}`);
  return 0;
}
