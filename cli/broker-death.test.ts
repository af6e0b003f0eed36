import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { targetSlug, type CertificationReport } from '../harness/report/certification.ts';
import { CERTIFICATION_DIR, certifyCommand } from './commands/certify.ts';
import { brokerThatDies } from './fixtures/broker-that-dies.ts';
import { inScratchDirectory } from './fixtures/scratch-directory.ts';

test('a broker that dies mid-certification: earlier verdicts kept, the rest errors, reports written, exit 2', async () => {
  // certify runs its scenarios in 4 shards side by side: 9 connections let the first few scenarios
  // complete (whichever shard gets there first) and the broker die under the later ones.
  const broker = await brokerThatDies(9);
  let file = `${CERTIFICATION_DIR}/${targetSlug(broker.url)}-aliyun`;
  try {
    // Its reports in a scratch directory of its own: CLI tests never share reports/.
    const code = await inScratchDirectory('broker-death', (dir) => {
      file = path.join(dir, file);
      return certifyCommand([
        '--broker',
        broker.url,
        '--profile',
        'aliyun',
        '--tags',
        '@CID-2',
        // No property cases: the properties run beside the scenarios, and their connections would race
        // the scenarios' for the broker's last ones; here the broker dies under the scenarios alone.
        '--runs',
        '0',
        '--sequences',
        '0',
        '--seed',
        '1',
      ]);
    });
    assert.ok(broker.dead(), 'the broker died during the run');
    assert.equal(code, 2);
    const report = JSON.parse(await readFile(`${file}.json`, 'utf8')) as CertificationReport;
    assert.match(await readFile(`${file}.md`, 'utf8'), /broker went away at/);
    assert.equal(report.exitCode, 2);
    assert.equal(report.verdict, 'error');
    const evidence = report.rules.flatMap((row) => row.evidence);
    // What ran before the death is in the report with its own verdict …
    const passed = evidence.filter((e) => e.kind === 'scenario' && e.verdict === 'pass');
    assert.ok(passed.length > 0, 'scenarios before the death kept their pass');
    // … every scenario after it is an error saying so, and nothing after it passed or failed.
    const gone = evidence.filter(
      (e) => e.verdict === 'error' && /broker went away at \S+Z: /.test(e.detail ?? ''),
    );
    assert.ok(
      gone.some((e) => e.kind === 'scenario'),
      JSON.stringify(evidence, null, 2),
    );
    assert.equal(evidence.filter((e) => e.verdict === 'fail').length, 0, 'a dead broker fails no rule');
    // The check after the scenarios did not run: an error under its rule (the limit detection's ROB-1).
    assert.equal(report.rules.find((row) => row.rule === 'ROB-1')?.verdict, 'error');
    assert.equal(report.limits.length, 0, 'no limit measured on a dead broker');
    assert.ok(
      report.problems.some((p) => /^broker went away at \S+Z: a fresh connection failed/.test(p)),
      report.problems.join('\n'),
    );
  } finally {
    await broker.close();
  }
});
