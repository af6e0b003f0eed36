import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { before, test } from 'node:test';
import { ALLURE_HISTORY_FILE } from '../harness/report/allure-history.ts';
import { chromiumPath, NO_CHROMIUM, renderHeadless, visibleText } from '../harness/report/html-chromium.ts';
import { CLI_BIN, ownPath, scratchDirectory } from './fixtures/scratch-directory.ts';

/**
 * Issue 14's acceptance for Allure: two runs, then `report`: a trend of two runs, no retries, the
 * categories and the environment; headless Chromium shows it. The feature has an outline with two
 * Examples blocks holding the same row (QCS-2's and QCS-4's `2 | false`), which once shared an identity
 * and showed as a retry, and rows the aliyun profile does not judge (the "Not applicable" category).
 * The runs work in a scratch directory: their reports and history are theirs alone.
 */
const FEATURE = ownPath('features/conformance/qos-clean-session.feature');
const scratch = scratchDirectory('allure-report');
const output = path.join(scratch, 'report');
const RESULTS = path.join(scratch, 'reports/allure-results');

async function cli(...args: string[]) {
  const child = spawn(process.execPath, [CLI_BIN, ...args], {
    cwd: scratch,
    env: { ...process.env, BROKER: '' },
  });
  let text = '';
  child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, text };
}

function results(): { historyId: string; testCaseId: string; status: string; name: string }[] {
  return readdirSync(RESULTS)
    .filter((file) => file.endsWith('-result.json'))
    .map(
      (file) =>
        JSON.parse(readFileSync(path.join(RESULTS, file), 'utf8')) as ReturnType<typeof results>[number],
    );
}

before(async () => {
  for (let run = 1; run <= 2; run++) {
    const { code, text } = await cli('run', '--broker', 'embedded', FEATURE);
    assert.equal(code, 0, text);
  }
  const { code, text } = await cli('report', '--output', output);
  assert.equal(code, 0, text);
});

test('each run adds one line to the history; every scenario is a test of its own (no retries)', () => {
  assert.equal(readFileSync(path.join(scratch, ALLURE_HISTORY_FILE), 'utf8').trim().split('\n').length, 2);
  const all = results();
  assert.ok(all.length > 10, `only ${all.length} results`);
  assert.equal(new Set(all.map((r) => r.historyId)).size, all.length, 'two results share a historyId');
  assert.equal(new Set(all.map((r) => r.testCaseId)).size, all.length, 'two results share a testCaseId');
  const summary = JSON.parse(readFileSync(path.join(output, 'summary.json'), 'utf8')) as {
    stats: { total: number };
    retryTests: unknown[];
  };
  assert.equal(summary.stats.total, all.length);
  assert.deepEqual(summary.retryTests, []);
  const environment = readFileSync(path.join(RESULTS, 'environment.properties'), 'utf8');
  assert.match(environment, /^Target=embedded$/m);
  assert.match(environment, /^Profile=aliyun$/m);
  assert.match(environment, /^mqtt-harness\\ version=\d+\.\d+\.\d+/m);
});

test(
  'headless Chromium shows the report: results, environment, categories, a trend of two runs',
  { skip: chromiumPath() ? false : NO_CHROMIUM },
  async () => {
    const index = path.join(output, 'index.html');
    const count = results().length;
    // The single-file report decodes its data in the page: each view is read once it shows its content.
    const overview = visibleText(
      await renderHeadless(index, '', {
        until: (text) => /Target/.test(text) && /QCS/.test(text),
        screenshot: path.join(scratch, 'overview.png'),
      }),
    );
    assert.match(overview, new RegExp(`Results\\s*${count}\\b`));
    assert.match(overview, /Target embedded/);
    assert.match(overview, /Broker software reference \(aedes\)/);
    assert.match(overview, /Profile aliyun/);
    const charts = visibleText(
      await renderHeadless(index, '#charts', { until: (text) => /Status dynamics[\s\S]*Latest/.test(text) }),
    );
    // The trend's axis: the earlier run by its date, then the latest one.
    assert.match(charts, /Status dynamics \d{1,2}\/\d{1,2}\/\d{4} Latest /);
    // The categories tab, reached as a person would: by clicking it on the overview.
    const categories = visibleText(
      await renderHeadless(index, '', {
        until: (text) => /Target/.test(text),
        click: { text: 'Categories', until: (text) => /Not applicable/.test(text) },
      }),
    );
    assert.match(categories, /Not applicable \d+/);
  },
);

/** Allure 2's CLI (npm `allure-commandline`, a Java program): its launcher, or why it cannot run here. */
function allure2(): { bin: string } | { why: string } {
  let bin: string;
  try {
    const pkg = createRequire(import.meta.url).resolve('allure-commandline/package.json');
    bin = path.join(path.dirname(pkg), 'dist', 'bin', 'allure');
  } catch {
    return { why: 'allure-commandline is not installed (npm install allure-commandline)' };
  }
  const javaHome = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : undefined;
  if (![javaHome, '/usr/bin/java', '/usr/local/bin/java'].some((java) => java && existsSync(java)))
    return {
      why: 'no Java here: allure-commandline needs it (Debian: apt-get install default-jre-headless)',
    };
  return { bin };
}

const ALLURE2 = allure2();

test(
  "Allure 2's allure-commandline renders the same results, with the environment and the categories",
  { skip: 'why' in ALLURE2 ? ALLURE2.why : false },
  async () => {
    if ('why' in ALLURE2) return;
    const report2 = path.join(scratch, 'allure2');
    const child = spawn(ALLURE2.bin, ['generate', RESULTS, '-o', report2, '--clean']);
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
    assert.equal(await new Promise((resolve) => child.once('exit', resolve)), 0, text);
    const widget = (name: string) =>
      JSON.parse(readFileSync(path.join(report2, 'widgets', name), 'utf8')) as unknown;
    const summary = widget('summary.json') as { statistic: { total: number; skipped: number } };
    assert.equal(summary.statistic.total, results().length);
    const skipped = results().filter((r) => r.status === 'skipped').length;
    assert.ok(skipped > 0, 'the feature has rows the aliyun profile does not judge');
    assert.equal(summary.statistic.skipped, skipped);
    const categories = widget('categories.json') as { items: { name: string }[] };
    assert.deepEqual(
      categories.items.map((item) => item.name),
      ['Not applicable'],
    );
    const environment = widget('environment.json') as { name: string; values: string[] }[];
    assert.deepEqual(environment.find((entry) => entry.name === 'Target')?.values, ['embedded']);
  },
);
