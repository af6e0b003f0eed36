import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import type { CertificationReport } from '../harness/report/certification.ts';
import { validateJUnit } from '../harness/report/junit-schema.ts';
import { matrixDisagreements, type CertificationMatrix } from '../harness/report/matrix.ts';
import { ownPath } from './package-root.ts';

/** `mqtt-harness ARGS` in `cwd`, as a user runs it; resolves with its exit code and output. */
function cli(args: string[], cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ownPath('cli/bin.js'), ...args], { cwd });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code: code ?? 2, output }));
  });
}

test('certify with two brokers writes a matrix whose every cell is the verdict of that broker’s own report', async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'mqtt-harness-matrix-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeFile(
    path.join(dir, 'brokers.txt'),
    '# the reference broker, then plain Aedes\nembedded\n\nembedded:plain  # bugs and all\n',
  );
  // Two rules plain Aedes breaks and one it keeps, without properties and limits: the matrix, not the broker, is under test.
  const tags = '@MQTT-3.1.3-8 or @MQTT-4.7.1-3 or @MQTT-3.2.0-1';
  const flags = ['--profile', 'mqtt-3.1.1', '--tags', tags, '--no-limits', '--runs', '1', '--sequences', '0'];
  const { code, output } = await cli(
    ['certify', '--brokers', 'brokers.txt', ...flags, '--junit', 'junit.xml'],
    dir,
  );
  assert.equal(code, 1, output);
  const certification = path.join(dir, 'reports/certification');
  const matrix = JSON.parse(
    await readFile(path.join(certification, 'matrix-mqtt-3.1.1.json'), 'utf8'),
  ) as CertificationMatrix;
  const reports = await Promise.all(
    ['embedded-mqtt-3.1.1', 'embedded-plain-mqtt-3.1.1'].map(
      async (stem) =>
        JSON.parse(await readFile(path.join(certification, `${stem}.json`), 'utf8')) as CertificationReport,
    ),
  );
  assert.deepEqual(matrixDisagreements(matrix, reports), []);
  const rows = matrix.areas.flatMap((area) => area.rows);
  const verdicts = (rule: string) => rows.find((row) => row.rule === rule)?.cells.map((c) => c.verdict);
  assert.deepEqual(verdicts('MQTT-3.1.3-8'), ['pass', 'fail']);
  assert.deepEqual(verdicts('MQTT-3.2.0-1'), ['pass', 'pass']);
  const failed = rows.find((row) => row.rule === 'MQTT-3.1.3-8')?.cells[1];
  assert.equal(failed?.evidence, 'embedded-plain-mqtt-3.1.1.md#rule-mqtt-3.1.3-8');
  const evidence = await readFile(path.join(certification, 'embedded-plain-mqtt-3.1.1.md'), 'utf8');
  assert.match(evidence, /<a id="rule-mqtt-3.1.3-8"><\/a>MQTT-3.1.3-8 — fail/);
  for (const ext of ['md', 'html'])
    await readFile(path.join(certification, `matrix-mqtt-3.1.1.${ext}`), 'utf8');
  const junit = await readFile(path.join(dir, 'junit.xml'), 'utf8');
  const { valid, errors } = await validateJUnit(junit);
  assert.ok(valid, errors.join('\n'));
  assert.match(
    junit,
    /name="mqtt-harness certify embedded:plain × mqtt-3.1.1 MQTT-3.1.1"[^>]* failures="[1-9]/,
  );
});

test('a bad target among several is a usage error before any broker starts', async () => {
  const { code, output } = await cli(['certify', '--broker', 'embedded', '--broker', 'nonsense:x'], tmpdir());
  assert.equal(code, 2);
  assert.match(output, /^mqtt-harness: .*nonsense:x/m);
  assert.doesNotMatch(output, /broker 1 of 2/);
});
