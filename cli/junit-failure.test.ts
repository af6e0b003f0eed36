import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { validateJUnit } from '../harness/report/junit-schema.ts';
import { runCommand } from './commands/run.ts';
import { ownPath, inScratchDirectory } from './fixtures/scratch-directory.ts';

// Its own file, so its own process: cucumber's support code loads once per process (cli/cucumber-runner.ts).

test('run --junit: a broken rule is a <failure> with its rule, and the file validates against JUnit.xsd', async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'mqtt-harness-junit-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'junit.xml');
  t.mock.method(console, 'log', () => {});
  // Its reports in a scratch directory of its own: CLI tests never share reports/.
  const code = await inScratchDirectory('junit-failure', () =>
    runCommand([
      '--broker',
      'embedded:fault:accept-long-client-id',
      '--profile',
      'aliyun',
      '--tags',
      '@CID-2',
      ownPath('features'),
      '--junit',
      file,
    ]),
  );
  t.mock.restoreAll();
  assert.equal(code, 1);
  const xml = await readFile(file, 'utf8');
  const { valid, errors } = await validateJUnit(xml);
  assert.ok(valid, errors.join('\n'));
  assert.match(xml, /<testsuite package="CID"[^>]* failures="3" errors="0"/);
  assert.match(xml, /<failure message="AssertionError[^"]*\[CID-2\] client ID[^"]*was accepted/);
  assert.doesNotMatch(xml, /<error /);
});
